using Microsoft.Extensions.Logging;

namespace Moecraft.Requests;

public sealed partial class ShadowSampling
{
    [LoggerMessage(4303, LogLevel.Warning, "Router {RouterId}: shadow call to {ExpertId} for request {RequestId} failed; no coherence trace this time", EventName = "ChatShadowCallFailed")]
    private static partial void LogShadowFailed(ILogger logger, Exception exception, string routerId, string expertId, string requestId);
}
