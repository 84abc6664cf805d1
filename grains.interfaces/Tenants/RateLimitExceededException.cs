namespace Moecraft.Tenants;

/// <summary>An API key made more requests than its per-minute limit allows; the request was not admitted.</summary>
[GenerateSerializer, Alias("moecraft.RateLimitExceededException")]
public sealed class RateLimitExceededException : Exception
{
    public RateLimitExceededException(string tenantId, int requestsPerMinute, TimeSpan retryAfter)
        : base($"Rate limit of {requestsPerMinute} requests per minute exceeded for an API key of tenant '{tenantId}'; retry after {retryAfter.TotalSeconds:0.###} s.")
    {
        TenantId = tenantId;
        RequestsPerMinute = requestsPerMinute;
        RetryAfter = retryAfter;
    }

    [Id(0)]
    public string TenantId { get; }

    [Id(1)]
    public int RequestsPerMinute { get; }

    /// <summary>How long until the key may make its next request (HTTP 429 Retry-After).</summary>
    [Id(2)]
    public TimeSpan RetryAfter { get; }
}
