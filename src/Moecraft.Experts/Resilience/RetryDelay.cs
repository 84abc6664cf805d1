using System.Net;

namespace Moecraft.Experts.Resilience;

/// <summary>
/// How long to wait before retrying a failed attempt, and whether the wait fits in what is left of the call's budget.
/// A backend's <c>Retry-After</c> is honoured (the retry waits at least that long); a rate limit without one waits the
/// whole exponential backoff, never a jittered sliver of it, so a throttled backend is not hammered; other failures use
/// the retry pipeline's jittered exponential backoff.
/// </summary>
public static class RetryDelay
{
    /// <summary>Longest backoff computed for a rate limit without a hint (later attempts are capped here).</summary>
    public static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The wait before retry number <paramref name="attempt"/> + 1 (0 for the first retry); null means the pipeline's own backoff.</summary>
    public static TimeSpan? For(Exception exception, int attempt, TimeSpan baseBackoff, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        if (RetryAfterHint.Of(exception, now) is { } hint) return hint > baseBackoff ? hint : baseBackoff;
        if (ExpertFaults.StatusOf(exception) == (int)HttpStatusCode.TooManyRequests) return Exponential(baseBackoff, attempt);
        return null;
    }

    /// <summary>True when a retry after <paramref name="delay"/> would still start before the call's budget runs out.</summary>
    public static bool FitsIn(TimeSpan? delay, TimeSpan remaining) => delay is not { } wait ? remaining > TimeSpan.Zero : wait < remaining;

    private static TimeSpan Exponential(TimeSpan baseBackoff, int attempt)
    {
        var ticks = baseBackoff.Ticks * Math.Pow(2, Math.Min(attempt, 30));
        return ticks >= LongestBackoff.Ticks ? LongestBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
