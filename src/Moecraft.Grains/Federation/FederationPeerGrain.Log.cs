using Microsoft.Extensions.Logging;

namespace Moecraft.Federation;

public sealed partial class FederationPeerGrain
{
    [LoggerMessage(1, LogLevel.Information, "Node {Node}: new peer {Peer} (node id {NodeId}) recorded as UNKNOWN; it requests {Requested}")]
    private static partial void LogNewPeer(ILogger logger, string node, string peer, string nodeId, string requested);

    [LoggerMessage(2, LogLevel.Warning, "Node {Node} refused a federation request: {Reason}")]
    private static partial void LogRefused(ILogger logger, string node, string reason);

    [LoggerMessage(3, LogLevel.Information, "Node {Node}: peer {Peer} tier {From} -> {To} by {Actor}")]
    private static partial void LogTierChanged(ILogger logger, string node, string peer, string from, string to, string actor);

    [LoggerMessage(4, LogLevel.Warning, "Node {Node}: manifest exchange with {Peer} failed")]
    private static partial void LogExchangeFailed(ILogger logger, Exception error, string node, string peer);

    [LoggerMessage(5, LogLevel.Warning, "Node {Node}: heartbeat to {Peer} failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception error, string node, string peer);

    [LoggerMessage(6, LogLevel.Error, "Node {Node}: the heartbeat timer failed")]
    private static partial void LogHeartbeatTickFailed(ILogger logger, Exception error, string node);

    [LoggerMessage(7, LogLevel.Information, "Node {Node} published {Key} as seq {Seq} ({PacketId})")]
    private static partial void LogPublished(ILogger logger, string node, string key, long seq, string packetId);

    [LoggerMessage(8, LogLevel.Information, "Node {Node} synced from {Peer}: {Batches} batch(es), {Accepted} accepted, {Quarantined} quarantined, {Duplicates} already held, {Rejected} rejected")]
    private static partial void LogSynced(ILogger logger, string node, string peer, int batches, int accepted, int quarantined, int duplicates, int rejected);

    [LoggerMessage(9, LogLevel.Warning, "Node {Node} quarantined origin {Origin}: its feed forked ({Detail})")]
    private static partial void LogFork(ILogger logger, string node, string origin, string detail);

    [LoggerMessage(10, LogLevel.Warning, "Node {Node} could not fetch {Count} missing dependencies from {Peer}; the packets that need them wait")]
    private static partial void LogDependencyFetchFailed(ILogger logger, Exception error, string node, string peer, int count);

    [LoggerMessage(11, LogLevel.Information, "Node {Node} answered peer {Peer}'s query to expert {ExpertId}")]
    private static partial void LogExpertQueried(ILogger logger, string node, string peer, string expertId);

    [LoggerMessage(12, LogLevel.Information, "Node {Node} added peer {Peer} ({NodeId}) of another cluster at {Address}")]
    private static partial void LogPeerAdded(ILogger logger, string node, string peer, string nodeId, string address);

    [LoggerMessage(13, LogLevel.Warning, "Node {Node} could not introduce itself to peer {Peer}; the peer is recorded, it has not recorded this node yet")]
    private static partial void LogIntroductionFailed(ILogger logger, Exception error, string node, string peer);
}
