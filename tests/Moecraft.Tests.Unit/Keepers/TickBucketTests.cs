using Moecraft.Kernel;

namespace Moecraft.Tests.Keepers;

/// <summary>The keepers' write budget arithmetic (SPEC 5.2): tokens per ticks of the keeper's clock.</summary>
public sealed class TickBucketTests
{
    [Fact]
    public void A_full_slow_bucket_allows_one_write_then_refills_after_ten_thousand_ticks()
    {
        var bucket = TickBucket.Full(capacity: 1, refillTicks: 10_000, tick: 0);
        Assert.True(bucket.TryTake(0, out _));
        Assert.False(bucket.TryTake(0, out var wait));
        Assert.Equal(10_000, wait);
        Assert.False(bucket.TryTake(9_999, out wait));
        Assert.Equal(1, wait);
        Assert.True(bucket.TryTake(10_000, out _));
    }

    [Fact]
    public void A_fast_bucket_allows_a_burst_of_ten_and_then_one_write_per_ten_ticks()
    {
        var bucket = TickBucket.Full(capacity: 10, refillTicks: 100, tick: 50);
        for (var i = 0; i < 10; i++) Assert.True(bucket.TryTake(50, out _));
        Assert.False(bucket.TryTake(55, out var wait));
        Assert.Equal(5, wait);
        Assert.True(bucket.TryTake(60, out _));
        Assert.False(bucket.TryTake(60, out _));
    }

    [Fact]
    public void A_refused_take_changes_nothing_and_refilling_stops_at_the_capacity()
    {
        var bucket = new TickBucket(capacity: 3, refillTicks: 1_000, tokens: 0.5, updatedTick: 100);
        Assert.False(bucket.TryTake(200, out var wait));
        Assert.Equal(0.5, bucket.Tokens);
        Assert.Equal(100, bucket.UpdatedTick);
        Assert.Equal(67, wait); // (1 - 0.8) * 1000 / 3, rounded up
        Assert.Equal(3, bucket.AvailableAt(1_000_000));
    }

    [Fact]
    public void A_clock_that_goes_back_refills_nothing()
    {
        var bucket = new TickBucket(capacity: 3, refillTicks: 1_000, tokens: 1, updatedTick: 500);
        Assert.Equal(1, bucket.AvailableAt(100));
        Assert.True(bucket.TryTake(100, out _));
        Assert.Equal(500, bucket.UpdatedTick);
        Assert.Equal(0, bucket.Tokens);
    }

    [Fact]
    public void A_smaller_capacity_caps_saved_tokens_and_bad_shapes_are_rejected()
    {
        Assert.Equal(1, new TickBucket(1, 10_000, tokens: 3, updatedTick: 0).Tokens);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TickBucket(0, 100, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TickBucket(1, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TickBucket(1, 100, double.NaN, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TickBucket(1, 100, -1, 0));
    }
}
