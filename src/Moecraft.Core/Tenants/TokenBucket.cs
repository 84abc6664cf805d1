namespace Moecraft.Tenants;

/// <summary>
/// A per-key rate limit of <c>n</c> requests per minute: a bucket of <c>n</c> tokens, full at first, refilled evenly at
/// <c>n / 60</c> tokens per second. Bursts up to <c>n</c> pass; sustained traffic is held to <c>n</c> per minute.
/// </summary>
/// <remarks>
/// The same refilling balance as <see cref="TokenUsageBucket"/>, spent one request at a time before the request runs
/// (only when a whole token is there), so it never goes below zero.
/// </remarks>
public sealed class TokenBucket
{
    private readonly TokenUsageBucket _balance;

    public TokenBucket(int requestsPerMinute, DateTimeOffset now)
    {
        _balance = new TokenUsageBucket(requestsPerMinute, now);
    }

    public int RequestsPerMinute => _balance.TokensPerMinute;

    /// <summary>Takes one token, or returns false with the wait until one is available.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan retryAfter)
    {
        if (!_balance.CanAdmit(now, out retryAfter)) return false;
        _balance.Spend(1, now);
        return true;
    }

    /// <summary>Whole requests the bucket would admit now.</summary>
    public long Remaining(DateTimeOffset now) => _balance.Remaining(now);

    /// <summary>How long until the bucket is full again (zero when it is).</summary>
    public TimeSpan UntilFull(DateTimeOffset now) => _balance.UntilFull(now);
}
