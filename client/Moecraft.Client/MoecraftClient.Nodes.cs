using Moecraft.Journal;

namespace Moecraft.Client;

// The cluster's nodes: its silos as membership sees them, and each node's journal.
public sealed partial class MoecraftClient
{
    /// <summary>The cluster's silos as the management grain sees them.</summary>
    public async Task<IReadOnlyList<SiloInfo>> GetSilosAsync()
    {
        var hosts = await Read(() => Cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false));
        return hosts.Select(h => new SiloInfo(h.SiloName, h.SiloAddress.ToString(), h.Status.ToString(), h.StartTime)).ToList();
    }

    /// <summary>The names of the cluster's active silos (its federation nodes), in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> GetActiveNodesAsync()
    {
        var hosts = await Read(() => Cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true));
        return hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The journal of <paramref name="node"/> for the UTC <paramref name="day"/>; without a node, the journals of every
    /// node currently in the cluster (by silo name), one per node.
    /// </summary>
    public async Task<IReadOnlyList<JournalDay>> GetJournalAsync(string? node, DateOnly day)
    {
        var nodes = node is not null ? [node] : (await GetSilosAsync()).Select(s => s.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var keys = nodes.Select(n => JournalKeys.For(n, day)).ToList();
        return await Task.WhenAll(keys.Select(k => Read(Cluster.GetGrain<IJournalGrain>(k).Read)));
    }
}
