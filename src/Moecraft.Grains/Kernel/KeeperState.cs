using Moecraft.Audit;

namespace Moecraft.Kernel;

/// <summary>Persisted state of a keeper grain. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.KeeperState")]
public sealed class KeeperState
{
    /// <summary>The clock: the highest router step seen.</summary>
    [Id(0)] public long Tick { get; set; }

    /// <summary>The write budget's bucket; null until the first proposal (a full bucket).</summary>
    [Id(1)] public KeeperBucketRecord? Bucket { get; set; }

    [Id(2)] public List<KernelProposal> Proposals { get; set; } = [];

    /// <summary>The first and final decision per decided proposal.</summary>
    [Id(3)] public List<CommitResult> Results { get; set; } = [];

    /// <summary>Committed identity events, append-only: never changed or removed.</summary>
    [Id(4)] public List<IdentityEvent> Events { get; set; } = [];

    /// <summary>
    /// Retired: the last event sequence a keeper handed its router itself. Keepers no longer call their router (its ticks say
    /// what it holds); kept so stored states read.
    /// </summary>
    [Id(5)] public long RouterSyncedSequence { get; set; }

    /// <summary>The router epoch the keeper last entered (SPEC 5.3).</summary>
    [Id(6)] public int Epoch { get; set; }

    /// <summary>The tick the clock re-based at when <see cref="Epoch"/> began.</summary>
    [Id(7)] public long EpochStartTick { get; set; }

    /// <summary>Audit entries of stored proposals, decisions and boundaries not yet known to be in the cluster log.</summary>
    [Id(8)] public AuditOutboxState Audit { get; set; } = AuditOutboxState.Empty;

    /// <summary>The router's governance as the router last sent it: it sets the budget a snapshot shows; null until it first did.</summary>
    [Id(9)] public string? GovernanceId { get; set; }

    public KeeperState Copy() => new()
    {
        Tick = Tick,
        Bucket = Bucket,
        Proposals = [.. Proposals],
        Results = [.. Results],
        Events = [.. Events],
        RouterSyncedSequence = RouterSyncedSequence,
        Epoch = Epoch,
        EpochStartTick = EpochStartTick,
        Audit = Audit,
        GovernanceId = GovernanceId,
    };
}

/// <summary>A keeper's token bucket as stored: tokens as of a tick of its clock.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.KeeperBucketRecord")]
public sealed record KeeperBucketRecord([Id(0)] double Tokens, [Id(1)] long UpdatedTick);
