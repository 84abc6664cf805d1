using System.Globalization;
using Microsoft.AspNetCore.Http;
using Moecraft.Tenants;

namespace Moecraft.Api.Authentication;

/// <summary>
/// OpenAI's rate-limit headers for a key's limits: <c>x-ratelimit-limit-requests</c>, <c>x-ratelimit-remaining-requests</c>,
/// <c>x-ratelimit-reset-requests</c> (time until the limit is full again, as <c>1s</c>, <c>6m0s</c>, <c>250ms</c>) and the
/// <c>-tokens</c> variants when the key has a token limit; <c>Retry-After</c> (whole seconds, rounded up) on a refusal.
/// </summary>
public static class RateLimitHeaders
{
    public const string LimitRequests = "x-ratelimit-limit-requests";
    public const string RemainingRequests = "x-ratelimit-remaining-requests";
    public const string ResetRequests = "x-ratelimit-reset-requests";
    public const string LimitTokens = "x-ratelimit-limit-tokens";
    public const string RemainingTokens = "x-ratelimit-remaining-tokens";
    public const string ResetTokens = "x-ratelimit-reset-tokens";
    public const string RetryAfter = "Retry-After";

    public static void Apply(IHeaderDictionary headers, KeyAuthorization authorization)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(authorization);
        Apply(headers, authorization.Requests, LimitRequests, RemainingRequests, ResetRequests);
        if (authorization.Tokens is { } tokens) Apply(headers, tokens, LimitTokens, RemainingTokens, ResetTokens);
        if (!authorization.Admitted) headers[RetryAfter] = RetryAfterSeconds(authorization.RetryAfter);
    }

    /// <summary>Whole seconds, rounded up, at least 1: a client that waits that long is admitted.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1L, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>A duration as OpenAI writes it: <c>0s</c>, <c>250ms</c>, <c>1s</c>, <c>1.5s</c>, <c>6m0s</c>, <c>1h2m3s</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        if (value <= TimeSpan.Zero) return "0s";
        if (value < TimeSpan.FromSeconds(1)) return $"{Math.Ceiling(value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms";
        var hours = (long)value.TotalHours;
        var seconds = Math.Round(value.TotalSeconds - hours * 3600 - value.Minutes * 60, 3);
        var secondsText = seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        if (hours > 0) return $"{hours.ToString(CultureInfo.InvariantCulture)}h{value.Minutes.ToString(CultureInfo.InvariantCulture)}m{secondsText}";
        return value.Minutes > 0 ? $"{value.Minutes.ToString(CultureInfo.InvariantCulture)}m{secondsText}" : secondsText;
    }

    private static void Apply(IHeaderDictionary headers, RateLimitState state, string limit, string remaining, string reset)
    {
        headers[limit] = state.Limit.ToString(CultureInfo.InvariantCulture);
        headers[remaining] = state.Remaining.ToString(CultureInfo.InvariantCulture);
        headers[reset] = Duration(state.Reset);
    }
}
