using Microsoft.Extensions.Time.Testing;
using Moecraft.Tenants;

namespace Moecraft.Tests.Tenants;

public sealed class TokenUsageBucketTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_bucket_admits_and_spending_below_zero_refuses_until_a_token_is_back()
    {
        var clock = new FakeTimeProvider(Start);
        var bucket = new TokenUsageBucket(tokensPerMinute: 600, clock.GetUtcNow()); // 10 tokens a second

        Assert.True(bucket.CanAdmit(clock.GetUtcNow(), out _));
        bucket.Spend(1000, clock.GetUtcNow());
        Assert.Equal(-400, bucket.Balance(clock.GetUtcNow()), 6);
        Assert.Equal(0, bucket.Remaining(clock.GetUtcNow()));

        Assert.False(bucket.CanAdmit(clock.GetUtcNow(), out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(40_100), retryAfter); // 401 tokens at 10 a second

        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.False(bucket.CanAdmit(clock.GetUtcNow(), out retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(100), retryAfter);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(bucket.CanAdmit(clock.GetUtcNow(), out _));
        Assert.Equal(1, bucket.Remaining(clock.GetUtcNow()));
    }

    [Fact]
    public void Checking_admission_spends_nothing_and_a_long_pause_refills_to_the_limit_only()
    {
        var clock = new FakeTimeProvider(Start);
        var bucket = new TokenUsageBucket(tokensPerMinute: 60, clock.GetUtcNow());

        for (var i = 0; i < 100; i++) Assert.True(bucket.CanAdmit(clock.GetUtcNow(), out _));
        Assert.Equal(60, bucket.Remaining(clock.GetUtcNow()));
        Assert.Equal(TimeSpan.Zero, bucket.UntilFull(clock.GetUtcNow()));

        bucket.Spend(30, clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(30), bucket.UntilFull(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(60, bucket.Remaining(clock.GetUtcNow()));
    }

    [Fact]
    public void A_clock_that_steps_back_refills_nothing_and_bad_input_is_refused()
    {
        var bucket = new TokenUsageBucket(60, Start);
        bucket.Spend(60, Start);
        Assert.False(bucket.CanAdmit(Start - TimeSpan.FromMinutes(5), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => bucket.Spend(-1, Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenUsageBucket(0, Start));
    }
}
