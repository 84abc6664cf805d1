using Microsoft.Extensions.Logging;

namespace Moecraft.Routing;

public sealed partial class ChatRouterGrain
{
    [LoggerMessage(1, LogLevel.Warning, "Router {RouterId}: expert {ExpertId} failed request {RequestId}, trying the next expert of the plan")]
    private static partial void LogFailover(ILogger logger, string routerId, string expertId, string requestId);

    [LoggerMessage(2, LogLevel.Error, "Router {RouterId}: request {RequestId} failed ({Reason}) and its reservation could not be released")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string routerId, string requestId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Router {RouterId}: shadow call to {ExpertId} for request {RequestId} failed; no coherence trace this time")]
    private static partial void LogShadowFailed(ILogger logger, Exception exception, string routerId, string expertId, string requestId);

    [LoggerMessage(4, LogLevel.Warning, "Router {RouterId} could not report a failure of {ExpertId} to its scar sentinel")]
    private static partial void LogFailureReportFailed(ILogger logger, Exception error, string routerId, string expertId);

    [LoggerMessage(5, LogLevel.Warning, "Router {RouterId} could not ask node {Node} for federation advice; serving on local knowledge")]
    private static partial void LogAdviceFailed(ILogger logger, Exception error, string routerId, string node);
}
