using Microsoft.Extensions.Time.Testing;
using Moecraft.Tenants;

namespace Moecraft.Tests.Tenants;

public sealed class KeyLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_admitted_request_takes_one_request_and_reports_what_is_left()
    {
        var limiter = new KeyLimiter(requestsPerMinute: 3, tokensPerMinute: null, Start);

        var first = limiter.TryAdmit(Start);
        Assert.True(first.Admitted);
        Assert.Equal(new LimitState(3, 2, TimeSpan.FromSeconds(20)), first.Requests);
        Assert.Null(first.Tokens);
        Assert.True(limiter.TryAdmit(Start).Admitted);
        Assert.True(limiter.TryAdmit(Start).Admitted);

        var refused = limiter.TryAdmit(Start);
        Assert.False(refused.Admitted);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.RetryAfter);
        Assert.Equal(0, refused.Requests.Remaining);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.Requests.Reset);
    }

    [Fact]
    public void Over_its_token_limit_a_key_is_refused_and_the_refusal_takes_no_request()
    {
        var clock = new FakeTimeProvider(Start);
        var limiter = new KeyLimiter(requestsPerMinute: 10, tokensPerMinute: 1200, clock.GetUtcNow()); // 20 tokens a second

        Assert.True(limiter.TryAdmit(clock.GetUtcNow()).Admitted);
        limiter.RecordTokens(1300, clock.GetUtcNow());

        var refused = limiter.TryAdmit(clock.GetUtcNow());
        Assert.False(refused.Admitted);
        Assert.Equal(TimeSpan.FromMilliseconds(5050), refused.RetryAfter); // 101 tokens at 20 a second
        Assert.Equal(9, refused.Requests.Remaining); // nothing taken by the refusal
        Assert.Equal(new LimitState(1200, 0, TimeSpan.FromSeconds(65)), refused.Tokens);

        clock.Advance(refused.RetryAfter);
        var admitted = limiter.TryAdmit(clock.GetUtcNow());
        Assert.True(admitted.Admitted);
        Assert.Equal(1, admitted.Tokens!.Value.Remaining);
    }

    [Fact]
    public void A_key_without_a_token_limit_ignores_token_counts()
    {
        var limiter = new KeyLimiter(5, null, Start);
        limiter.RecordTokens(1_000_000, Start);
        Assert.True(limiter.TryAdmit(Start).Admitted);
        Assert.True(limiter.Enforces(5, null));
        Assert.False(limiter.Enforces(5, 100));
        Assert.False(limiter.Enforces(6, null));
    }
}
