using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Moecraft.Federation;

/// <summary>
/// A node's peer table (SPEC 6; key: the node name, placed on that node's silo): each peer's verified manifest, the tier
/// this node assigned it, its heartbeats, whether its feed forked, and the audit outbox of tier changes. Called by the
/// node's <see cref="IFederationPeerGrain"/> and <see cref="IKnowledgeSyncGrain"/>; it calls no other node, so its turns
/// are short and changes are serialized by them. Reads interleave and see the table as last stored.
/// </summary>
[Alias("moecraft.IPeerTableGrain")]
public interface IPeerTableGrain : IGrainWithStringKey
{
    /// <summary>The table with each peer's liveness now.</summary>
    [Alias("GetPeers"), AlwaysInterleave]
    Task<ImmutableArray<PeerInfo>> GetPeers();

    /// <summary>
    /// Verifies a peer's manifest and records it (a new peer as UNKNOWN, or CORE for a node of this cluster; a known one keeps
    /// its tier). <paramref name="remote"/>: it came from another cluster (the federation surface, or added by
    /// <paramref name="address"/>); <paramref name="expectedName"/>: the node that was asked for it.
    /// </summary>
    /// <exception cref="FederationRefusedException">Invalid, expired, this node's own, a known name from another key, a remote one claiming a name of this cluster, or older than the one held; nothing changed.</exception>
    [Alias("RecordManifest")]
    Task<PeerInfo> RecordManifest(PeerManifest manifest, string? expectedName, bool remote, string? address);

    /// <summary>An operator sets a peer's tier; stored with its audit entry, then audited and journaled.</summary>
    [Alias("SetTier")]
    Task<PeerInfo> SetTier(string peerName, TrustTier tier, string actor);

    /// <summary>Records a peer's heartbeat: allowed from CORE and SANDBOX peers only, each after the last accepted one.</summary>
    [Alias("AcceptHeartbeat")]
    Task AcceptHeartbeat(Heartbeat heartbeat);

    /// <summary>Marks the peer whose node id is <paramref name="nodeId"/> forked (its feed forked); nothing when none is.</summary>
    [Alias("MarkForked")]
    Task MarkForked(string nodeId);
}
