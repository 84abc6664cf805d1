namespace Moecraft.Governance;

/// <summary>The kill switch is on: the router started no new work and charged nothing.</summary>
[GenerateSerializer, Alias("moecraft.ClusterHaltedException")]
public sealed class ClusterHaltedException : Exception
{
    public ClusterHaltedException(string governanceId, string reason, string actor, DateTimeOffset since)
        : base($"The cluster is halted (governance '{governanceId}') since {since:u} by {actor}: {reason}. Nothing was started; 'moecraft resume' lifts the halt.")
    {
        GovernanceId = governanceId;
        Reason = reason;
        Actor = actor;
        Since = since;
    }

    [Id(0)] public string GovernanceId { get; }

    [Id(1)] public string Reason { get; }

    [Id(2)] public string Actor { get; }

    [Id(3)] public DateTimeOffset Since { get; }

    /// <summary>Throws when <paramref name="snapshot"/> is halted.</summary>
    public static void ThrowIfHalted(GovernanceSnapshot snapshot)
    {
        if (snapshot.Halt is { Halted: true } halt)
            throw new ClusterHaltedException(snapshot.GovernanceId, halt.Reason ?? "", halt.Actor ?? "", halt.Since ?? default);
    }
}
