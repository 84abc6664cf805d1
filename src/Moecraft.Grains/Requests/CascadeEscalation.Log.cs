using Microsoft.Extensions.Logging;

namespace Moecraft.Requests;

public sealed partial class CascadeEscalation
{
    [LoggerMessage(4601, LogLevel.Warning, "Router {RouterId}: the answer of {ExpertId} to request {RequestId} could not be rated; the cascade does not escalate it", EventName = "ChatCascadeRatingFailed")]
    private static partial void LogRatingFailed(ILogger logger, Exception error, string routerId, string expertId, string requestId);

    [LoggerMessage(4602, LogLevel.Debug, "Router {RouterId}: request {RequestId}'s {Answers} answers from {ExpertId} were checked for consistency: {Agreement}", EventName = "ChatCascadeConsistencyChecked")]
    private static partial void LogChecked(ILogger logger, string routerId, string requestId, string expertId, int answers, Gating.SampleAgreement agreement);
}
