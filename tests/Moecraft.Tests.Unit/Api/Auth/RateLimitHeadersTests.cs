using Microsoft.AspNetCore.Http;
using Moecraft.Api.Authentication;
using Moecraft.Tenants;

namespace Moecraft.Tests.Api.Auth;

public sealed class RateLimitHeadersTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(360_000, "6m0s")]
    [InlineData(3_723_000, "1h2m3s")]
    public void Durations_are_written_as_openai_writes_them(int milliseconds, string expected) =>
        Assert.Equal(expected, RateLimitHeaders.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(1, "1")]
    [InlineData(1000, "1")]
    [InlineData(1001, "2")]
    [InlineData(20_000, "20")]
    public void Retry_after_is_whole_seconds_rounded_up_and_at_least_one(int milliseconds, string expected) =>
        Assert.Equal(expected, RateLimitHeaders.RetryAfterSeconds(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void An_admitted_request_gets_the_request_and_token_headers_and_no_retry_after()
    {
        var headers = new HeaderDictionary();
        RateLimitHeaders.Apply(headers, Authorization(admitted: true, tokens: new RateLimitState(10_000, 9_000, TimeSpan.FromSeconds(6))));

        Assert.Equal("60", headers["x-ratelimit-limit-requests"]);
        Assert.Equal("59", headers["x-ratelimit-remaining-requests"]);
        Assert.Equal("1s", headers["x-ratelimit-reset-requests"]);
        Assert.Equal("10000", headers["x-ratelimit-limit-tokens"]);
        Assert.Equal("9000", headers["x-ratelimit-remaining-tokens"]);
        Assert.Equal("6s", headers["x-ratelimit-reset-tokens"]);
        Assert.False(headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public void A_refused_request_gets_retry_after_and_a_key_without_a_token_limit_no_token_headers()
    {
        var headers = new HeaderDictionary();
        RateLimitHeaders.Apply(headers, Authorization(admitted: false, tokens: null) with { RetryAfter = TimeSpan.FromMilliseconds(2500) });

        Assert.Equal("3", headers["Retry-After"]);
        Assert.False(headers.ContainsKey("x-ratelimit-limit-tokens"));
    }

    [Fact]
    public void A_refusal_names_the_limit_that_refused()
    {
        var byRequests = MoecraftAuthenticationHandler.RateLimited(Authorization(false, null) with { Requests = new RateLimitState(60, 0, TimeSpan.FromMinutes(1)) });
        var byTokens = MoecraftAuthenticationHandler.RateLimited(Authorization(false, new RateLimitState(1000, 0, TimeSpan.FromSeconds(70))));

        Assert.Equal(429, byRequests.Status);
        Assert.Equal("rate_limit_exceeded", byRequests.Code);
        Assert.Contains("requests per minute: limit 60", byRequests.Message);
        Assert.Contains("tokens per minute: limit 1000", byTokens.Message);
        Assert.Equal(TimeSpan.FromSeconds(1), byTokens.RetryAfter);
    }

    private static KeyAuthorization Authorization(bool admitted, RateLimitState? tokens) => new(
        "acme", "0123456789ab", "ci", Admin: false, admitted, admitted ? TimeSpan.Zero : TimeSpan.FromSeconds(1),
        new RateLimitState(60, 59, TimeSpan.FromSeconds(1)), tokens);
}
