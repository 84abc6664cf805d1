using Orleans.Runtime;

namespace Moecraft.Api.Management;

/// <summary>The cluster's nodes (active silos by name), and the node a single-node call goes to, as the CLI resolves them.</summary>
public static class ClusterNodes
{
    public static async Task<IReadOnlyList<string>> ActiveAsync(IGrainFactory grains)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        return [.. hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The named node (it must be active: 404 otherwise), or every active node.</summary>
    public static async Task<IReadOnlyList<string>> SelectAsync(IGrainFactory grains, string? node)
    {
        var active = await ActiveAsync(grains);
        if (string.IsNullOrWhiteSpace(node)) return active;
        return active.Contains(node, StringComparer.Ordinal)
            ? [node]
            : throw ManagementProblem.NotFound($"Node '{node}' is not an active silo of this cluster (active: {(active.Count == 0 ? "none" : string.Join(", ", active))}).");
    }

    /// <summary>The named node, or the cluster's only one; 400 when none is named and there are several.</summary>
    public static async Task<string> SingleAsync(IGrainFactory grains, string? node)
    {
        var nodes = await SelectAsync(grains, node);
        return nodes.Count == 1
            ? nodes[0]
            : throw ManagementProblem.BadRequest($"The cluster has {nodes.Count} active nodes ({string.Join(", ", nodes)}); name one with ?node=.");
    }
}
