using Microsoft.Extensions.Logging;

namespace Moecraft.Requests;

public sealed partial class CascadeEscalation
{
    [LoggerMessage(4601, LogLevel.Warning, "Router {RouterId}: the answer of {ExpertId} to request {RequestId} could not be rated; the cascade does not escalate it", EventName = "ChatCascadeRatingFailed")]
    private static partial void LogRatingFailed(ILogger logger, Exception error, string routerId, string expertId, string requestId);
}
