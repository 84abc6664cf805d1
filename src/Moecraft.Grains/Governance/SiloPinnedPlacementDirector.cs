using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Moecraft.Governance;

/// <summary>
/// Activates a <see cref="SiloPinnedPlacementAttribute"/> grain only on the silo its key names. A silo that is gone has
/// no such activation: the call fails rather than landing on another silo whose cache it would not update.
/// </summary>
public sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var wanted = target.GrainIdentity.Key.ToString();
        foreach (var silo in context.GetCompatibleSilos(target))
            if (silo.ToParsableString() == wanted) return Task.FromResult(silo);
        throw new OrleansException($"Silo {wanted} is not an active member of the cluster.");
    }
}
