using Microsoft.Extensions.Logging;

namespace Moecraft.Api.Authentication;

public sealed partial class MoecraftAuthenticationHandler
{
    [LoggerMessage(1001, LogLevel.Information, "Refused an API key with id {KeyId}: no tenant owns it (unknown or revoked)", EventName = "AuthUnknownKey")]
    private static partial void LogUnknownKey(ILogger logger, string keyId);

    [LoggerMessage(1002, LogLevel.Warning, "Could not check API key {KeyId}: the cluster did not answer", EventName = "AuthKeyLookupFailed")]
    private static partial void LogLookupFailed(ILogger logger, string keyId, Exception exception);

    [LoggerMessage(1003, LogLevel.Warning, "Could not set up the local tenant for open local access", EventName = "AuthLocalTenantFailed")]
    private static partial void LogLocalTenantFailed(ILogger logger, Exception exception);
}
