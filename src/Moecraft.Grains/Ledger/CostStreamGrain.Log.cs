using Microsoft.Extensions.Logging;

namespace Moecraft.Ledger;

public sealed partial class CostStreamGrain
{
    [LoggerMessage(3801, LogLevel.Warning, "Cost stream {TenantId} dropped event {RequestId} of tenant {OtherTenant}", EventName = "CostStreamForeignEvent")]
    private static partial void LogForeignEvent(ILogger logger, string tenantId, string otherTenant, string requestId);
}
