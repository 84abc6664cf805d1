using Microsoft.Extensions.Logging;

namespace Moecraft.Requests;

public sealed partial class ExpertInvoker
{
    [LoggerMessage(4101, LogLevel.Warning, "Router {RouterId}: expert {ExpertId} failed request {RequestId}, trying the next expert of the plan", EventName = "ChatExpertFailover")]
    private static partial void LogFailover(ILogger logger, string routerId, string expertId, string requestId);

    [LoggerMessage(4104, LogLevel.Warning, "Router {RouterId} could not report a failure of {ExpertId} to its scar sentinel", EventName = "ChatFailureReportFailed")]
    private static partial void LogFailureReportFailed(ILogger logger, Exception error, string routerId, string expertId);
}
