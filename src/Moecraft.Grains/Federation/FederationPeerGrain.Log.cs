using Microsoft.Extensions.Logging;

namespace Moecraft.Federation;

public sealed partial class FederationPeerGrain
{
    [LoggerMessage(3401, LogLevel.Information, "Node {Node}: new peer {Peer} (node id {NodeId}) recorded as UNKNOWN; it requests {Requested}", EventName = "FederationNewPeer")]
    private static partial void LogNewPeer(ILogger logger, string node, string peer, string nodeId, string requested);

    [LoggerMessage(3402, LogLevel.Warning, "Node {Node} refused a federation request: {Reason}", EventName = "FederationRequestRefused")]
    private static partial void LogRefused(ILogger logger, string node, string reason);

    [LoggerMessage(3403, LogLevel.Information, "Node {Node}: peer {Peer} tier {From} -> {To} by {Actor}", EventName = "FederationTierChanged")]
    private static partial void LogTierChanged(ILogger logger, string node, string peer, string from, string to, string actor);

    [LoggerMessage(3404, LogLevel.Warning, "Node {Node}: manifest exchange with {Peer} failed", EventName = "FederationManifestExchangeFailed")]
    private static partial void LogExchangeFailed(ILogger logger, Exception error, string node, string peer);

    [LoggerMessage(3405, LogLevel.Warning, "Node {Node}: heartbeat to {Peer} failed", EventName = "FederationHeartbeatFailed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception error, string node, string peer);

    [LoggerMessage(3406, LogLevel.Error, "Node {Node}: the heartbeat timer failed", EventName = "FederationHeartbeatTimerFailed")]
    private static partial void LogHeartbeatTickFailed(ILogger logger, Exception error, string node);

    [LoggerMessage(3407, LogLevel.Information, "Node {Node} published {Key} as seq {Seq} ({PacketId})", EventName = "FederationPacketPublished")]
    private static partial void LogPublished(ILogger logger, string node, string key, long seq, string packetId);

    [LoggerMessage(3408, LogLevel.Information, "Node {Node} synced from {Peer}: {Batches} batch(es), {Accepted} accepted, {Quarantined} quarantined, {Duplicates} already held, {Rejected} rejected", EventName = "FederationSynced")]
    private static partial void LogSynced(ILogger logger, string node, string peer, int batches, int accepted, int quarantined, int duplicates, int rejected);

    [LoggerMessage(3409, LogLevel.Warning, "Node {Node} quarantined origin {Origin}: its feed forked ({Detail})", EventName = "FederationFeedForked")]
    private static partial void LogFork(ILogger logger, string node, string origin, string detail);

    [LoggerMessage(3410, LogLevel.Warning, "Node {Node} could not fetch {Count} missing dependencies from {Peer}; the packets that need them wait", EventName = "FederationDependencyFetchFailed")]
    private static partial void LogDependencyFetchFailed(ILogger logger, Exception error, string node, string peer, int count);

    [LoggerMessage(3411, LogLevel.Information, "Node {Node} answered peer {Peer}'s query to expert {ExpertId}", EventName = "FederationExpertQueried")]
    private static partial void LogExpertQueried(ILogger logger, string node, string peer, string expertId);

    [LoggerMessage(3412, LogLevel.Information, "Node {Node} added peer {Peer} ({NodeId}) of another cluster at {Address}", EventName = "FederationPeerAdded")]
    private static partial void LogPeerAdded(ILogger logger, string node, string peer, string nodeId, string address);

    [LoggerMessage(3413, LogLevel.Warning, "Node {Node} could not introduce itself to peer {Peer}; the peer is recorded, it has not recorded this node yet", EventName = "FederationIntroductionFailed")]
    private static partial void LogIntroductionFailed(ILogger logger, Exception error, string node, string peer);
}
