using Microsoft.Extensions.Time.Testing;
using Moecraft.Tenants;

namespace Moecraft.Tests.Tenants;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_burst_up_to_the_limit_passes_then_waits_for_the_refill()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var bucket = new TokenBucket(requestsPerMinute: 6, clock.GetUtcNow());

        for (var i = 0; i < 6; i++) Assert.True(bucket.TryTake(clock.GetUtcNow(), out _));
        Assert.False(bucket.TryTake(clock.GetUtcNow(), out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(10), retryAfter);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(bucket.TryTake(clock.GetUtcNow(), out retryAfter));
        Assert.InRange(retryAfter.TotalMilliseconds, 999, 1001);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(bucket.TryTake(clock.GetUtcNow(), out _));
        Assert.False(bucket.TryTake(clock.GetUtcNow(), out _));

        // A long pause refills to the limit, not beyond it.
        clock.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 6; i++) Assert.True(bucket.TryTake(clock.GetUtcNow(), out _));
        Assert.False(bucket.TryTake(clock.GetUtcNow(), out _));
    }

    [Fact]
    public void A_limit_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(0, DateTimeOffset.UnixEpoch));
    }
}
