namespace Moecraft.Hosting.Configuration;

/// <summary>
/// How fast the cluster declares a dead silo dead, and how long a grain call may wait for its answer
/// ("Moecraft:Failover"). The defaults declare a killed silo dead in about a second, so the calls waiting on it fail
/// and its grains activate on the other silos; Orleans' own defaults take about six, and until then every call to the
/// dead silo's grains fails. Faster is not free: a silo that answers no probe for about <see cref="ProbeTimeout"/> times
/// <see cref="NumMissedProbesLimit"/> (a long GC pause, a starved thread pool, an overloaded machine) is suspected too,
/// and declared dead (it must then restart) unless messages from it arrived within four times that. See
/// docs/ARCHITECTURE.md, "Failover".
/// </summary>
public sealed class MoecraftFailoverOptions
{
    /// <summary>
    /// The initial timeout of a liveness probe. Orleans adapts it to each probed silo's measured round trips, between half
    /// and four times this value, and probes about once per timeout.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Probes in a row a silo may miss before its prober votes it dead (the last probe goes through another silo, which votes too).</summary>
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>Votes that declare a silo dead; a small cluster needs at most half its active silos, rounded up.</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How many other silos each silo probes (every other one in a cluster of up to this size).</summary>
    public int NumProbedSilos { get; set; } = 10;

    /// <summary>How long a vote counts; older votes do not add up with new ones.</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often a silo writes its "I am alive" time to the membership table. A row three writes behind is stale: that silo
    /// is probed by every other one and not counted when votes are tallied.
    /// </summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a silo reads the whole membership table, in case it missed a change the others gossiped.</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a grain call between silos waits for its answer before it fails with a <see cref="TimeoutException"/>
    /// (Orleans' default). A call to a silo that dies fails as soon as the silo is declared dead, not after this; the
    /// request path's model calls have their own, longer limit (see docs/ARCHITECTURE.md).
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> for values the membership protocol cannot work with.</summary>
    public MoecraftFailoverOptions Validate()
    {
        RequireBetween(ProbeTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), nameof(ProbeTimeout));
        if (NumMissedProbesLimit is < 1 or > 10)
            throw new ArgumentException($"Moecraft:Failover:NumMissedProbesLimit must be 1 to 10; got {NumMissedProbesLimit}.");
        if (NumProbedSilos is < 1 or > 100)
            throw new ArgumentException($"Moecraft:Failover:NumProbedSilos must be 1 to 100; got {NumProbedSilos}.");
        if (NumVotesForDeathDeclaration < 1 || NumVotesForDeathDeclaration > NumProbedSilos)
            throw new ArgumentException(
                $"Moecraft:Failover:NumVotesForDeathDeclaration must be 1 to NumProbedSilos ({NumProbedSilos}); got {NumVotesForDeathDeclaration}.");
        RequireBetween(DeathVoteExpirationTimeout, ProbeTimeout * NumMissedProbesLimit, TimeSpan.FromHours(1), nameof(DeathVoteExpirationTimeout));
        RequireBetween(IAmAliveTablePublishTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), nameof(IAmAliveTablePublishTimeout));
        RequireBetween(TableRefreshTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), nameof(TableRefreshTimeout));
        RequireBetween(ResponseTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), nameof(ResponseTimeout));
        return this;
    }

    private static void RequireBetween(TimeSpan value, TimeSpan least, TimeSpan most, string name)
    {
        if (value < least || value > most)
            throw new ArgumentException($"Moecraft:Failover:{name} must be {least:c} to {most:c}; got {value:c}.");
    }
}
