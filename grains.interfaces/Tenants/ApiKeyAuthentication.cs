namespace Moecraft.Tenants;

/// <summary>From a raw API key to its tenant, with the key's rate limit applied: what a gateway calls per request.</summary>
public static class ApiKeyAuthentication
{
    /// <summary>The index entry of <paramref name="apiKey"/> (the raw key never leaves this process; only its hash does).</summary>
    public static IApiKeyIndexGrain GetApiKeyIndex(this IGrainFactory grains, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IApiKeyIndexGrain>(ApiKeys.Hash(apiKey));
    }

    /// <summary>
    /// The tenant that owns <paramref name="apiKey"/>, or null when no tenant does. Takes one request from the key's rate
    /// limit and throws <see cref="RateLimitExceededException"/> when it is exhausted; <see cref="ArgumentException"/> for a malformed key.
    /// </summary>
    public static async Task<string?> AuthenticateAsync(this IGrainFactory grains, string apiKey)
    {
        var tenantId = await grains.GetApiKeyIndex(apiKey).GetTenant().ConfigureAwait(false);
        if (tenantId is null) return null;
        // The index may lag a key's removal; the tenant grain has the final word.
        return await grains.GetGrain<ITenantGrain>(tenantId).AuthorizeKey(apiKey).ConfigureAwait(false) ? tenantId : null;
    }
}
