using Microsoft.Extensions.Logging;

namespace Moecraft.Requests;

public sealed partial class ChatAccounting
{
    [LoggerMessage(2, LogLevel.Error, "Router {RouterId}: request {RequestId} failed ({Reason}) and its failure could not be recorded; its reservation closes at its lease")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string routerId, string requestId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Router {RouterId}: request {RequestId} is answered and on the ledger, but telling tenant {TenantId} failed; its reservation closes from the ledger at its lease")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string routerId, string requestId, string tenantId);

    [LoggerMessage(4, LogLevel.Warning, "Router {RouterId}: request {RequestId} is answered, but caching its answer failed")]
    private static partial void LogCacheFailed(ILogger logger, Exception exception, string routerId, string requestId);
}
