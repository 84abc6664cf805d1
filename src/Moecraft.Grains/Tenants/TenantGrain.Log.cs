using Microsoft.Extensions.Logging;

namespace Moecraft.Tenants;

public sealed partial class TenantGrain
{
    [LoggerMessage(4401, LogLevel.Information, "Tenant {TenantId} configured: budget {Budget} per {Period}, {KeyCount} API keys", EventName = "TenantConfigured")]
    private static partial void LogConfigured(ILogger logger, string tenantId, decimal budget, BudgetPeriod period, int keyCount);

    [LoggerMessage(4402, LogLevel.Information, "Tenant {TenantId} refused request {RequestId}: needs up to {Requested}, {Remaining} left", EventName = "TenantBudgetExceeded")]
    private static partial void LogBudgetExceeded(ILogger logger, string tenantId, string requestId, decimal requested, decimal remaining);

    [LoggerMessage(4403, LogLevel.Warning, "Tenant {TenantId} request {RequestId} cost {Charged}, more than its reservation of {Reserved}", EventName = "TenantReservationOverrun")]
    private static partial void LogOverrun(ILogger logger, string tenantId, string requestId, decimal reserved, decimal charged);

    [LoggerMessage(4404, LogLevel.Information, "Tenant {TenantId}: an API key exceeded its {RequestsPerMinute} requests per minute", EventName = "TenantRateLimited")]
    private static partial void LogRateLimited(ILogger logger, string tenantId, int requestsPerMinute);

    [LoggerMessage(4405, LogLevel.Information, "Tenant {TenantId}: API key {KeyId} issued ({RequestsPerMinute} requests, {TokensPerMinute} tokens per minute, admin {Admin})", EventName = "TenantKeyIssued")]
    private static partial void LogKeyIssued(ILogger logger, string tenantId, string keyId, int requestsPerMinute, int? tokensPerMinute, bool admin);

    [LoggerMessage(4406, LogLevel.Information, "Tenant {TenantId}: API key {KeyId} revoked", EventName = "TenantKeyRevoked")]
    private static partial void LogKeyRevoked(ILogger logger, string tenantId, string keyId);

    [LoggerMessage(4407, LogLevel.Information, "Tenant {TenantId}: API key {KeyId} refused by its {Limit}-per-minute limit; retry after {RetryAfter}", EventName = "TenantKeyRefused")]
    private static partial void LogKeyRefused(ILogger logger, string tenantId, string keyId, string limit, TimeSpan retryAfter);

    [LoggerMessage(4408, LogLevel.Warning, "Tenant {TenantId}: the reservation of {Reserved} for request {RequestId} outlived its lease; closed by the ledger (charged {Charged}, released {Released})", EventName = "TenantReservationExpired")]
    private static partial void LogReservationExpired(ILogger logger, string tenantId, string requestId, decimal reserved, decimal charged, bool released);
}
