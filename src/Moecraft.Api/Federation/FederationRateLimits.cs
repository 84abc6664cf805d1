using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Moecraft.Api.Federation;

/// <summary>
/// Each peer's budget of signed requests (ASP.NET Core's token bucket, partitioned by the verified node key): a full
/// minute's worth at once, refilled every second. In memory per silo, like the surface it guards.
/// </summary>
public sealed class FederationRateLimits(IOptions<FederationSurfaceOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.Value.RequestsPerMinute),
            TokensPerPeriod = Math.Max(1, (options.Value.RequestsPerMinute + 59) / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>True when the peer with node id <paramref name="nodeId"/> may send one more request now.</summary>
    public bool TryTake(string nodeId)
    {
        using var lease = _limiter.AttemptAcquire(nodeId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
