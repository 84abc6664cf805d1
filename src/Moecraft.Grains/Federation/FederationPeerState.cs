using Moecraft.Audit;

namespace Moecraft.Federation;

/// <summary>
/// What a node's federation peer grain stored before it was split (grain <c>federation-peer</c>, state
/// <c>federation-peer</c>): the peer table, the origins whose feeds the node holds and the tier changes' audit outbox. Only
/// read now: by <see cref="PeerTableGrain"/> (peers, audit outbox) and <see cref="KnowledgeSyncGrain"/> (feeds) when they
/// activate with no state of their own yet (<see cref="LegacyPeerState"/>). Ids are a persisted contract: never reorder or reuse them.
/// </summary>
[GenerateSerializer, Alias("moecraft.FederationPeerState")]
public sealed class FederationPeerState
{
    /// <summary>One row per peer, by name (ordinal order).</summary>
    [Id(0)] public List<PeerRecord> Peers { get; set; } = [];

    /// <summary>The origins (node ids) whose feeds this node holds, its own included once it published.</summary>
    [Id(1)] public List<string> Feeds { get; set; } = [];

    /// <summary>Audit entries of stored tier changes not yet known to be in the cluster log (see <see cref="AuditOutbox"/>).</summary>
    [Id(2)] public AuditOutboxState Audit { get; set; } = AuditOutboxState.Empty;
}
