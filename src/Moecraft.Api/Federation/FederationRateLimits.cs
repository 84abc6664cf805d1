using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Moecraft.Api.Federation;

/// <summary>
/// The federation surface's request budgets (ASP.NET Core's token buckets: a full minute's worth at once, refilled every
/// second; in memory per silo, like the surface they guard). One per network address, taken before anything is read or
/// verified, so a flood of requests with made-up signatures costs a signature check only up to that budget; and one per
/// peer, partitioned by the verified node key.
/// </summary>
public sealed class FederationRateLimits(IOptions<FederationSurfaceOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _peers = PerMinute(options.Value.RequestsPerMinute);
    private readonly PartitionedRateLimiter<string> _addresses = PerMinute(options.Value.AddressRequestsPerMinute);

    /// <summary>True when the peer with node id <paramref name="nodeId"/> may send one more request now.</summary>
    public bool TryTake(string nodeId) => TryTake(_peers, nodeId);

    /// <summary>True when one more request from <paramref name="address"/> (a remote IP address; empty when unknown) may be looked at now.</summary>
    public bool TryTakeAddress(string address) => TryTake(_addresses, address);

    public void Dispose()
    {
        _peers.Dispose();
        _addresses.Dispose();
    }

    private static bool TryTake(PartitionedRateLimiter<string> limiter, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> PerMinute(int requestsPerMinute) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, requestsPerMinute),
            TokensPerPeriod = Math.Max(1, (requestsPerMinute + 59) / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
