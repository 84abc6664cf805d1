namespace Moecraft.Tenants;

/// <summary>
/// Both limits of one API key: requests per minute (<see cref="TokenBucket"/>) and, when set, tokens per minute
/// (<see cref="TokenUsageBucket"/>). Decides admission; a refused request takes nothing from either limit.
/// </summary>
public sealed class KeyLimiter
{
    private readonly TokenBucket _requests;
    private readonly TokenUsageBucket? _tokens;

    public KeyLimiter(int requestsPerMinute, int? tokensPerMinute, DateTimeOffset now)
    {
        _requests = new TokenBucket(requestsPerMinute, now);
        _tokens = tokensPerMinute is { } limit ? new TokenUsageBucket(limit, now) : null;
    }

    public int RequestsPerMinute => _requests.RequestsPerMinute;

    public int? TokensPerMinute => _tokens?.TokensPerMinute;

    /// <summary>True when the limiter enforces exactly these limits (false: the key's limits changed, start afresh).</summary>
    public bool Enforces(int requestsPerMinute, int? tokensPerMinute) =>
        RequestsPerMinute == requestsPerMinute && TokensPerMinute == tokensPerMinute;

    /// <summary>Admits one request when both limits allow it (taking one request), or refuses it with the longer wait.</summary>
    public KeyAdmission TryAdmit(DateTimeOffset now)
    {
        // The token limit is checked first and changes nothing, so a refusal by either limit charges neither.
        if (_tokens is not null && !_tokens.CanAdmit(now, out var tokenWait)) return State(now, admitted: false, tokenWait);
        return _requests.TryTake(now, out var requestWait) ? State(now, admitted: true, TimeSpan.Zero) : State(now, admitted: false, requestWait);
    }

    /// <summary>Charges tokens an answered request used (nothing when the key has no token limit).</summary>
    public void RecordTokens(long tokens, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        _tokens?.Spend(tokens, now);
    }

    /// <summary>The limits' state now, without admitting anything.</summary>
    public KeyAdmission Peek(DateTimeOffset now) => State(now, admitted: true, TimeSpan.Zero);

    private KeyAdmission State(DateTimeOffset now, bool admitted, TimeSpan retryAfter) => new(
        admitted,
        retryAfter,
        new LimitState(_requests.RequestsPerMinute, _requests.Remaining(now), _requests.UntilFull(now)),
        _tokens is null ? null : new LimitState(_tokens.TokensPerMinute, _tokens.Remaining(now), _tokens.UntilFull(now)));
}
