using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// A node's peer table at one moment, as the tier decisions see it (SPEC 6): who may ask what (<see cref="TierMatrix"/>),
/// whose packets are served, and the tier that ranks an origin in conflicts. Built from the table each time a decision is
/// made, so a demotion stored before the moment of asking holds.
/// </summary>
/// <param name="node">This node's name.</param>
/// <param name="ownNodeId">This node's node id (its own packets' origin).</param>
/// <param name="peers">The peer table.</param>
public sealed class FederationTrust(string node, string ownNodeId, ImmutableArray<PeerInfo> peers)
{
    public ImmutableArray<PeerInfo> Peers { get; } = peers.IsDefault ? [] : peers;

    public string Node => node;

    public string OwnNodeId => ownNodeId;

    public PeerInfo? Find(string? name)
    {
        foreach (var peer in Peers)
            if (string.Equals(peer.Name, name, StringComparison.Ordinal)) return peer;
        return null;
    }

    /// <summary>The peer's names for messages: "none" when the table is empty.</summary>
    public string KnownNames => Peers.IsEmpty ? "none" : string.Join(", ", Peers.Select(p => p.Name));

    /// <summary>Why a request naming <paramref name="peerName"/> cannot go on when it is not a peer; null when it is.</summary>
    public string? Unknown(string peerName) =>
        Find(peerName) is null ? $"Node '{node}' has no peer '{peerName}' (known: {KnownNames}); exchange manifests first." : null;

    /// <summary>
    /// The matrix's answer for the peer asking <paramref name="action"/> with the tier this node assigned it; when refused
    /// (an unknown peer is refused), <paramref name="refusal"/> says why.
    /// </summary>
    public FederationDecision Decide(string peerName, FederationAction action, out string? refusal)
    {
        if (Find(peerName) is not { } peer)
        {
            refusal = Unknown(peerName);
            return FederationDecision.Refused;
        }
        var decision = TierMatrix.Decide(action, peer.Tier);
        refusal = decision == FederationDecision.Refused
            ? $"Node '{node}' rates '{peerName}' {TierMatrix.Name(peer.Tier)}, which may not {TierMatrix.Describe(action)}."
            : null;
        return decision;
    }

    /// <summary>
    /// Whether this node serves a held packet of an origin that did not fork: its own, or received from a peer it now rates
    /// CORE.
    /// </summary>
    public bool ServesFrom(StoredPacket stored) =>
        stored.Packet.Origin == ownNodeId || stored.ReceivedFrom == node || Find(stored.ReceivedFrom)?.Tier == TrustTier.Core;

    /// <summary>The tier that ranks an origin's packets in conflicts: this node's own are CORE; unknown origins UNKNOWN.</summary>
    public TrustTier OriginTier(string origin)
    {
        if (origin == ownNodeId) return TrustTier.Core;
        foreach (var peer in Peers)
            if (peer.NodeId == origin) return peer.Tier;
        return TrustTier.Unknown;
    }

    /// <summary>Whether <paramref name="other"/> gives every peer the same name, key and tier (what served packets depend on).</summary>
    public bool SameTiers(FederationTrust other) =>
        other.Node == node && other.OwnNodeId == ownNodeId &&
        Peers.Select(p => (p.Name, p.NodeId, p.Tier)).SequenceEqual(other.Peers.Select(p => (p.Name, p.NodeId, p.Tier)));
}
