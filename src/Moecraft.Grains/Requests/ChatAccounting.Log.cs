using Microsoft.Extensions.Logging;

namespace Moecraft.Requests;

public sealed partial class ChatAccounting
{
    [LoggerMessage(4202, LogLevel.Error, "Router {RouterId}: request {RequestId} failed ({Reason}) and its failure could not be recorded; its reservation closes at its lease", EventName = "ChatReleaseFailed")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string routerId, string requestId, string reason);

    [LoggerMessage(4203, LogLevel.Warning, "Router {RouterId}: request {RequestId} is answered and on the ledger, but telling tenant {TenantId} failed; its reservation closes from the ledger at its lease", EventName = "ChatSettleFailed")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string routerId, string requestId, string tenantId);

    [LoggerMessage(4204, LogLevel.Warning, "Router {RouterId}: request {RequestId} is answered, but caching its answer failed", EventName = "ChatCacheFailed")]
    private static partial void LogCacheFailed(ILogger logger, Exception exception, string routerId, string requestId);
}
