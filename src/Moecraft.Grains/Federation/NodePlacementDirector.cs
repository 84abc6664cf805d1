using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Moecraft.Federation;

/// <summary>
/// Activates a <see cref="NodePlacementAttribute"/> grain only on the active silo whose <c>SiloName</c> is the grain's
/// key, or the part of it before the first '/' (a node's knowledge feeds are <c>{node}/{origin}</c>), read from the membership (so it works with any clustering provider, unlike <c>SiloRoleBasedPlacement</c> under
/// ADO.NET clustering). With no such silo the call fails naming the node, rather than landing on a silo whose node key
/// would sign for another node. If a restarted silo and its not-yet-dead predecessor share the name, the newest wins.
/// A singleton: it keeps no state of its own.
/// </summary>
public sealed class NodePlacementDirector(IClusterMembershipService membership) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        var node = key.IndexOf('/') is > 0 and var slash ? key[..slash] : key;
        var members = membership.CurrentSnapshot.Members;
        SiloAddress? chosen = null;
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (!members.TryGetValue(silo, out var member) || member.Status != SiloStatus.Active || member.Name != node) continue;
            if (chosen is null || silo.Generation > chosen.Generation) chosen = silo;
        }
        return chosen is not null
            ? Task.FromResult(chosen)
            : throw new OrleansException(
                $"Node '{node}' is not an active silo of this cluster: a {target.GrainIdentity.Type} grain lives only on the silo of the node it names. " +
                $"Active silos: {string.Join(", ", members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.Name).Order(StringComparer.Ordinal))}.");
    }
}
