using Moecraft.Audit;

namespace Moecraft.Federation;

/// <summary>Persisted state of a node's peer table grain. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.PeerTableState")]
public sealed class PeerTableState
{
    /// <summary>One row per peer, by name (ordinal order).</summary>
    [Id(0)] public List<PeerRecord> Peers { get; set; } = [];

    /// <summary>Audit entries of stored tier changes not yet known to be in the cluster log (see <see cref="AuditOutbox"/>).</summary>
    [Id(1)] public AuditOutboxState Audit { get; set; } = AuditOutboxState.Empty;

    public PeerTableState Copy() => new() { Peers = [.. Peers], Audit = Audit };

    /// <summary>The part of the state stored before the split that is the peer table's.</summary>
    public static PeerTableState From(FederationPeerState legacy) => new() { Peers = [.. legacy.Peers], Audit = legacy.Audit };
}
