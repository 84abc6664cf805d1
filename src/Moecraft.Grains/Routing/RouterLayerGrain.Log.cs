using Microsoft.Extensions.Logging;
using Moecraft.Kernel;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

public sealed partial class RouterLayerGrain
{
    [LoggerMessage(3901, LogLevel.Information, "Router {RouterId} configured: {Width} slots, d = {InputDimension}, top-{TopK}", EventName = "RouterConfigured")]
    private static partial void LogConfigured(ILogger logger, string routerId, int width, int inputDimension, int topK);

    [LoggerMessage(3902, LogLevel.Debug, "Router {RouterId} lifecycle decision {DecisionId}: {Summary}", EventName = "RouterLifecycleDecision")]
    private static partial void LogDecision(ILogger logger, string routerId, long decisionId, string summary);

    [LoggerMessage(3903, LogLevel.Information, "Router {RouterId} applied lifecycle decision {DecisionId} ({Edit}); epoch is now {Epoch}", EventName = "RouterLifecycleApplied")]
    private static partial void LogApplied(ILogger logger, string routerId, long decisionId, LifecycleEdit edit, int epoch);

    [LoggerMessage(3904, LogLevel.Warning, "Router {RouterId} could not tick a keeper at step {Step}; it catches up on the next tick", EventName = "RouterKeeperTickFailed")]
    private static partial void LogKeeperTickFailed(ILogger logger, Exception error, string routerId, long step);

    [LoggerMessage(3905, LogLevel.Information, "Router {RouterId} proposed a {Kind} of {ExpertId} on its own evidence ({ProposalId})", EventName = "RouterSentinelProposed")]
    private static partial void LogSentinelProposed(ILogger logger, string routerId, IdentityEventKind kind, string expertId, string proposalId);

    [LoggerMessage(3906, LogLevel.Warning, "Router {RouterId} could not propose a {Kind} of {ExpertId}; it proposes again when the evidence holds next", EventName = "RouterSentinelProposalFailed")]
    private static partial void LogSentinelProposalFailed(ILogger logger, Exception error, string routerId, IdentityEventKind kind, string expertId);

    [LoggerMessage(3907, LogLevel.Warning, "Router {RouterId} moved from embedder {From} to {To} by {Actor}: epoch {Epoch}; what lived in the old embedder's space starts afresh", EventName = "RouterEmbedderMigrated")]
    private static partial void LogEmbedderMigrated(ILogger logger, string routerId, string from, string to, string actor, int epoch);

    [LoggerMessage(3908, LogLevel.Warning, "Router {RouterId} could not learn this silo's embedder while it was configured; it records none", EventName = "RouterEmbedderUnknown")]
    private static partial void LogEmbedderUnknown(ILogger logger, Exception error, string routerId);
}
