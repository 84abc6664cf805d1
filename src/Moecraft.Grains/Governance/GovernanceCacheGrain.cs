namespace Moecraft.Governance;

/// <summary>
/// The governance grain's way into one silo's <see cref="GovernanceCache"/>: pinned to the silo its key names, so the
/// cache it updates is that silo's.
/// </summary>
[GrainType("governance-cache"), SiloPinnedPlacement]
public sealed class GovernanceCacheGrain(GovernanceCache cache) : Grain, IGovernanceCacheGrain
{
    public static string KeyOf(SiloAddress silo) => silo.ToParsableString();

    public Task Apply(GovernanceSnapshot snapshot)
    {
        cache.Apply(snapshot);
        return Task.CompletedTask;
    }
}
