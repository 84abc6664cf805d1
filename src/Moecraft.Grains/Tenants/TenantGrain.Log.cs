using Microsoft.Extensions.Logging;

namespace Moecraft.Tenants;

public sealed partial class TenantGrain
{
    [LoggerMessage(1, LogLevel.Information, "Tenant {TenantId} configured: budget {Budget} per {Period}, {KeyCount} API keys")]
    private static partial void LogConfigured(ILogger logger, string tenantId, decimal budget, BudgetPeriod period, int keyCount);

    [LoggerMessage(2, LogLevel.Information, "Tenant {TenantId} refused request {RequestId}: needs up to {Requested}, {Remaining} left")]
    private static partial void LogBudgetExceeded(ILogger logger, string tenantId, string requestId, decimal requested, decimal remaining);

    [LoggerMessage(3, LogLevel.Warning, "Tenant {TenantId} request {RequestId} cost {Charged}, more than its reservation of {Reserved}")]
    private static partial void LogOverrun(ILogger logger, string tenantId, string requestId, decimal reserved, decimal charged);

    [LoggerMessage(4, LogLevel.Information, "Tenant {TenantId}: an API key exceeded its {RequestsPerMinute} requests per minute")]
    private static partial void LogRateLimited(ILogger logger, string tenantId, int requestsPerMinute);

    [LoggerMessage(5, LogLevel.Information, "Tenant {TenantId}: API key {KeyId} issued ({RequestsPerMinute} requests, {TokensPerMinute} tokens per minute, admin {Admin})")]
    private static partial void LogKeyIssued(ILogger logger, string tenantId, string keyId, int requestsPerMinute, int? tokensPerMinute, bool admin);

    [LoggerMessage(6, LogLevel.Information, "Tenant {TenantId}: API key {KeyId} revoked")]
    private static partial void LogKeyRevoked(ILogger logger, string tenantId, string keyId);

    [LoggerMessage(7, LogLevel.Information, "Tenant {TenantId}: API key {KeyId} refused by its {Limit}-per-minute limit; retry after {RetryAfter}")]
    private static partial void LogKeyRefused(ILogger logger, string tenantId, string keyId, string limit, TimeSpan retryAfter);

    [LoggerMessage(8, LogLevel.Warning, "Tenant {TenantId}: the reservation of {Reserved} for request {RequestId} outlived its lease; closed by the ledger (charged {Charged}, released {Released})")]
    private static partial void LogReservationExpired(ILogger logger, string tenantId, string requestId, decimal reserved, decimal charged, bool released);
}
