namespace Moecraft.Tenants;

/// <summary>
/// A per-key rate limit of <c>n</c> requests per minute: a bucket of <c>n</c> tokens, full at first, refilled evenly at
/// <c>n / 60</c> tokens per second. Bursts up to <c>n</c> pass; sustained traffic is held to <c>n</c> per minute.
/// </summary>
public sealed class TokenBucket
{
    private const double Tolerance = 1e-9;

    private double _tokens;
    private DateTimeOffset _updated;

    public TokenBucket(int requestsPerMinute, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerMinute, 1);
        RequestsPerMinute = requestsPerMinute;
        _tokens = requestsPerMinute;
        _updated = now;
    }

    public int RequestsPerMinute { get; }

    /// <summary>Takes one token, or returns false with the wait until one is available.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan retryAfter)
    {
        Refill(now);
        // The tolerance absorbs floating-point dust from the refill (0.9 + 0.1 may land just under 1).
        if (_tokens >= 1 - Tolerance)
        {
            _tokens = Math.Max(0, _tokens - 1);
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = TimeSpan.FromMilliseconds(Math.Ceiling((1 - _tokens) * 60_000.0 / RequestsPerMinute - Tolerance));
        return false;
    }

    /// <summary>Whole requests the bucket would admit now.</summary>
    public long Remaining(DateTimeOffset now)
    {
        Refill(now);
        return (long)Math.Floor(_tokens + Tolerance);
    }

    /// <summary>How long until the bucket is full again (zero when it is).</summary>
    public TimeSpan UntilFull(DateTimeOffset now)
    {
        Refill(now);
        var missing = RequestsPerMinute - _tokens;
        return missing <= Tolerance ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(missing * 60_000.0 / RequestsPerMinute - Tolerance));
    }

    private void Refill(DateTimeOffset now)
    {
        // A clock that steps back refills nothing rather than draining the bucket.
        if (now <= _updated) return;
        _tokens = Math.Min(RequestsPerMinute, _tokens + (now - _updated).TotalSeconds * (RequestsPerMinute / 60.0));
        _updated = now;
    }
}
