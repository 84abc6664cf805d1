using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Moecraft.Tenants;

namespace Moecraft.Api.Authentication;

/// <summary>
/// The per-request hook that charges an answered request's model tokens to its API key's tokens-per-minute limit:
/// after a <c>/v1</c> answer (or the end of a stream), call <c>await keyUsage.RecordAsync(httpContext, promptTokens + completionTokens)</c>.
/// Requests without an API key (open local access, JWT), keys without a token limit and non-positive counts cost nothing.
/// The answer is already given, so a failure to record is logged, never thrown.
/// </summary>
public sealed partial class KeyUsage(IGrainFactory grains, ILogger<KeyUsage> logger)
{
    public async Task RecordAsync(HttpContext context, long tokens)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (tokens <= 0) return;
        var keyHash = MoecraftClaims.KeyHashOf(context.User);
        var tenant = MoecraftClaims.TenantOf(context.User);
        if (keyHash is null || tenant is null) return;
        // Only a key with a token limit needs the call.
        if (AuthenticatedKey.Of(context) is { Tokens: null }) return;
        try
        {
            await grains.Reference<ITenantGrain>(tenant).RecordTokens(keyHash, tokens);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecordFailed(logger, tenant, ApiKeys.IdOf(keyHash), tokens, ex);
        }
    }

    [LoggerMessage(1101, LogLevel.Warning, "Could not charge {Tokens} tokens to API key {KeyId} of tenant {TenantId}", EventName = "KeyUsageNotCharged")]
    private static partial void LogRecordFailed(ILogger logger, string tenantId, string keyId, long tokens, Exception exception);
}
