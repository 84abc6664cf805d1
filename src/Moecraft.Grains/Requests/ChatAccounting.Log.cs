using Microsoft.Extensions.Logging;

namespace Moecraft.Requests;

public sealed partial class ChatAccounting
{
    [LoggerMessage(2, LogLevel.Error, "Router {RouterId}: request {RequestId} failed ({Reason}) and its reservation could not be released")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string routerId, string requestId, string reason);
}
