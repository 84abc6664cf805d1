using Microsoft.Extensions.Logging;

namespace Moecraft.Ledger;

public sealed partial class CostStreamGrain
{
    [LoggerMessage(1, LogLevel.Warning, "Cost stream {TenantId} dropped event {RequestId} of tenant {OtherTenant}")]
    private static partial void LogForeignEvent(ILogger logger, string tenantId, string otherTenant, string requestId);
}
