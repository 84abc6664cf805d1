using Microsoft.Extensions.Logging;

namespace Moecraft.Federation;

/// <summary>
/// The federation peer's log events (block 34), whichever of a node's federation grains writes them
/// (<see cref="FederationPeerGrain"/>, <see cref="PeerLinkGrain"/>, <see cref="PeerTableGrain"/>, <see cref="KnowledgeSyncGrain"/>): their ids and names
/// stayed what they were when one grain did all of it.
/// </summary>
internal static partial class FederationLog
{
    /// <summary>Logs a refusal of node <paramref name="node"/> and makes the exception that carries it to the caller.</summary>
    public static FederationRefusedException Refuse(ILogger logger, string node, string reason)
    {
        Refused(logger, node, reason);
        return new FederationRefusedException(reason);
    }

    /// <summary>Refuses every federation request of node <paramref name="node"/> while its settings disable federation.</summary>
    public static void RequireEnabled(ILogger logger, FederationSettings settings, string node)
    {
        if (!settings.Enabled) throw Refuse(logger, node, $"Federation is disabled on node '{node}' (Moecraft:Federation:Enabled is false).");
    }

    /// <summary>The tier matrix's answer for a peer asking <paramref name="action"/>; a refusal is logged and thrown before anything changes.</summary>
    public static FederationDecision Require(ILogger logger, FederationTrust trust, string peerName, FederationAction action)
    {
        var decision = trust.Decide(peerName, action, out var refusal);
        return refusal is null ? decision : throw Refuse(logger, trust.Node, refusal);
    }

    [LoggerMessage(3401, LogLevel.Information, "Node {Node}: new peer {Peer} (node id {NodeId}) recorded as UNKNOWN; it requests {Requested}", EventName = "FederationNewPeer")]
    public static partial void NewPeer(ILogger logger, string node, string peer, string nodeId, string requested);

    [LoggerMessage(3402, LogLevel.Warning, "Node {Node} refused a federation request: {Reason}", EventName = "FederationRequestRefused")]
    private static partial void Refused(ILogger logger, string node, string reason);

    [LoggerMessage(3403, LogLevel.Information, "Node {Node}: peer {Peer} tier {From} -> {To} by {Actor}", EventName = "FederationTierChanged")]
    public static partial void TierChanged(ILogger logger, string node, string peer, string from, string to, string actor);

    [LoggerMessage(3404, LogLevel.Warning, "Node {Node}: manifest exchange with {Peer} failed", EventName = "FederationManifestExchangeFailed")]
    public static partial void ExchangeFailed(ILogger logger, Exception error, string node, string peer);

    [LoggerMessage(3405, LogLevel.Warning, "Node {Node}: heartbeat to {Peer} failed", EventName = "FederationHeartbeatFailed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception error, string node, string peer);

    [LoggerMessage(3406, LogLevel.Error, "Node {Node}: the heartbeat timer failed", EventName = "FederationHeartbeatTimerFailed")]
    public static partial void HeartbeatTickFailed(ILogger logger, Exception error, string node);

    [LoggerMessage(3407, LogLevel.Information, "Node {Node} published {Key} as seq {Seq} ({PacketId})", EventName = "FederationPacketPublished")]
    public static partial void Published(ILogger logger, string node, string key, long seq, string packetId);

    [LoggerMessage(3408, LogLevel.Information, "Node {Node} synced from {Peer}: {Batches} batch(es), {Accepted} accepted, {Quarantined} quarantined, {Duplicates} already held, {Rejected} rejected", EventName = "FederationSynced")]
    public static partial void Synced(ILogger logger, string node, string peer, int batches, int accepted, int quarantined, int duplicates, int rejected);

    [LoggerMessage(3409, LogLevel.Warning, "Node {Node} quarantined origin {Origin}: its feed forked ({Detail})", EventName = "FederationFeedForked")]
    public static partial void Fork(ILogger logger, string node, string origin, string detail);

    [LoggerMessage(3410, LogLevel.Warning, "Node {Node} could not fetch {Count} missing dependencies from {Peer}; the packets that need them wait", EventName = "FederationDependencyFetchFailed")]
    public static partial void DependencyFetchFailed(ILogger logger, Exception error, string node, string peer, int count);

    [LoggerMessage(3411, LogLevel.Information, "Node {Node} answered peer {Peer}'s query to expert {ExpertId}", EventName = "FederationExpertQueried")]
    public static partial void ExpertQueried(ILogger logger, string node, string peer, string expertId);

    [LoggerMessage(3412, LogLevel.Information, "Node {Node} added peer {Peer} ({NodeId}) of another cluster at {Address}", EventName = "FederationPeerAdded")]
    public static partial void PeerAdded(ILogger logger, string node, string peer, string nodeId, string address);

    [LoggerMessage(3413, LogLevel.Warning, "Node {Node} could not introduce itself to peer {Peer}; the peer is recorded, it has not recorded this node yet", EventName = "FederationIntroductionFailed")]
    public static partial void IntroductionFailed(ILogger logger, Exception error, string node, string peer);
}
