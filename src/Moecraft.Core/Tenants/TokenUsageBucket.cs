namespace Moecraft.Tenants;

/// <summary>
/// A per-key limit of <c>n</c> model tokens per minute, charged after the fact: a bucket of <c>n</c>, full at first,
/// refilled evenly at <c>n / 60</c> per second. An answered request spends what it used, which may take the bucket below
/// zero (a request's size is known only once it is answered); the next request is admitted only when at least one whole
/// token is back. Sustained use is held to <c>n</c> tokens per minute; one request may overshoot it once.
/// </summary>
public sealed class TokenUsageBucket
{
    private const double Tolerance = 1e-9;

    private double _balance;
    private DateTimeOffset _updated;

    public TokenUsageBucket(int tokensPerMinute, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tokensPerMinute, 1);
        TokensPerMinute = tokensPerMinute;
        _balance = tokensPerMinute;
        _updated = now;
    }

    public int TokensPerMinute { get; }

    /// <summary>The balance now: at most the limit, below zero after an overshoot.</summary>
    public double Balance(DateTimeOffset now)
    {
        Refill(now);
        return _balance;
    }

    /// <summary>True when a request may start now; otherwise false with the wait until one whole token is back.</summary>
    public bool CanAdmit(DateTimeOffset now, out TimeSpan retryAfter)
    {
        Refill(now);
        if (_balance >= 1 - Tolerance)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }
        retryAfter = TimeSpan.FromMilliseconds(Math.Ceiling((1 - _balance) * 60_000.0 / TokensPerMinute - Tolerance));
        return false;
    }

    /// <summary>Charges tokens an answered request used.</summary>
    public void Spend(long tokens, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        Refill(now);
        _balance -= tokens;
        // Floating-point dust from the refill (0.9 + 0.1 may land just under 1) is no debt.
        if (Math.Abs(_balance) < Tolerance) _balance = 0;
    }

    /// <summary>Whole tokens left now (never below zero).</summary>
    public long Remaining(DateTimeOffset now)
    {
        Refill(now);
        return Math.Max(0, (long)Math.Floor(_balance + Tolerance));
    }

    /// <summary>How long until the bucket is full again (zero when it is).</summary>
    public TimeSpan UntilFull(DateTimeOffset now)
    {
        Refill(now);
        var missing = TokensPerMinute - _balance;
        return missing <= Tolerance ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(missing * 60_000.0 / TokensPerMinute - Tolerance));
    }

    private void Refill(DateTimeOffset now)
    {
        // A clock that steps back refills nothing.
        if (now <= _updated) return;
        _balance = Math.Min(TokensPerMinute, _balance + (now - _updated).TotalSeconds * (TokensPerMinute / 60.0));
        _updated = now;
    }
}
