using Microsoft.Extensions.Logging;
using Moecraft.Kernel;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

public sealed partial class RouterLayerGrain
{
    [LoggerMessage(1, LogLevel.Information, "Router {RouterId} configured: {Width} slots, d = {InputDimension}, top-{TopK}")]
    private static partial void LogConfigured(ILogger logger, string routerId, int width, int inputDimension, int topK);

    [LoggerMessage(2, LogLevel.Debug, "Router {RouterId} lifecycle decision {DecisionId}: {Summary}")]
    private static partial void LogDecision(ILogger logger, string routerId, long decisionId, string summary);

    [LoggerMessage(3, LogLevel.Information, "Router {RouterId} applied lifecycle decision {DecisionId} ({Edit}); epoch is now {Epoch}")]
    private static partial void LogApplied(ILogger logger, string routerId, long decisionId, LifecycleEdit edit, int epoch);

    [LoggerMessage(4, LogLevel.Warning, "Router {RouterId} could not tick a keeper at step {Step}; it catches up on the next tick")]
    private static partial void LogKeeperTickFailed(ILogger logger, Exception error, string routerId, long step);

    [LoggerMessage(5, LogLevel.Information, "Router {RouterId} proposed a {Kind} of {ExpertId} on its own evidence ({ProposalId})")]
    private static partial void LogSentinelProposed(ILogger logger, string routerId, IdentityEventKind kind, string expertId, string proposalId);

    [LoggerMessage(6, LogLevel.Warning, "Router {RouterId} could not propose a {Kind} of {ExpertId}; it proposes again when the evidence holds next")]
    private static partial void LogSentinelProposalFailed(ILogger logger, Exception error, string routerId, IdentityEventKind kind, string expertId);

    [LoggerMessage(7, LogLevel.Warning, "Router {RouterId} moved from embedder {From} to {To} by {Actor}: epoch {Epoch}; what lived in the old embedder's space starts afresh")]
    private static partial void LogEmbedderMigrated(ILogger logger, string routerId, string from, string to, string actor, int epoch);

    [LoggerMessage(8, LogLevel.Warning, "Router {RouterId} could not learn this silo's embedder while it was configured; it records none")]
    private static partial void LogEmbedderUnknown(ILogger logger, Exception error, string routerId);
}
