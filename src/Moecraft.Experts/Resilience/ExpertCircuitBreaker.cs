namespace Moecraft.Experts.Resilience;

/// <summary>
/// One expert's circuit breaker: opens after <see cref="FailuresToOpen"/> consecutive failed calls, rejects calls
/// while open, and after <see cref="OpenDuration"/> lets a single probe through whose outcome closes or re-opens it.
/// </summary>
/// <remarks>
/// Safe for concurrent callers (one lock). <see cref="Enter"/> returns a ticket that the call hands back with its
/// outcome, so only the probe's own outcome decides a half-open circuit: a call admitted before the circuit opened
/// that ends during the probe counts as an ordinary outcome and never frees the probe's place.
/// Hand-written rather than Polly's breaker because Polly's opens on a failure ratio over a sampling window,
/// while the call policy promises "N consecutive failures"; shared by every client of the same expert in a silo.
/// </remarks>
public sealed class ExpertCircuitBreaker
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil;
    private bool _open;
    private long _probe;
    private long _lastProbe;

    public ExpertCircuitBreaker(string expertId, int failuresToOpen, TimeSpan openDuration, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expertId);
        ArgumentOutOfRangeException.ThrowIfLessThan(failuresToOpen, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(openDuration, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ExpertId = expertId;
        FailuresToOpen = failuresToOpen;
        OpenDuration = openDuration;
        _time = timeProvider;
    }

    public string ExpertId { get; }

    public int FailuresToOpen { get; }

    public TimeSpan OpenDuration { get; }

    public CircuitState State
    {
        get
        {
            lock (_lock)
            {
                return !_open ? CircuitState.Closed : _time.GetUtcNow() < _openUntil ? CircuitState.Open : CircuitState.HalfOpen;
            }
        }
    }

    /// <summary>
    /// Admits a call or throws <see cref="ExpertUnavailableException"/>; every admitted call must report one outcome with
    /// the returned ticket (0 for an ordinary call, the probe's number for a half-open probe).
    /// </summary>
    public long Enter()
    {
        lock (_lock)
        {
            if (!_open) return 0;
            var now = _time.GetUtcNow();
            if (now < _openUntil) throw new ExpertUnavailableException(ExpertId, _openUntil);
            // Half-open: exactly one probe at a time, the others are still turned away.
            if (_probe != 0) throw new ExpertUnavailableException(ExpertId, now + OpenDuration);
            _probe = ++_lastProbe;
            return _probe;
        }
    }

    /// <summary>The admitted call succeeded: the circuit closes and the failure count restarts.</summary>
    public void OnSuccess(long ticket)
    {
        lock (_lock)
        {
            // The backend answered, whichever call it was: a closed circuit needs no probe.
            _consecutiveFailures = 0;
            _open = false;
            _probe = 0;
        }
    }

    /// <summary>The admitted call failed in a way that says the backend is unwell.</summary>
    public void OnFailure(long ticket)
    {
        lock (_lock)
        {
            _consecutiveFailures++;
            var failedProbe = IsProbe(ticket);
            if (failedProbe || _consecutiveFailures >= FailuresToOpen)
            {
                _open = true;
                _openUntil = _time.GetUtcNow() + OpenDuration;
            }
            if (failedProbe) _probe = 0;
        }
    }

    /// <summary>The admitted call ended in a way that says nothing about the backend (the caller's fault or cancellation).</summary>
    public void OnNeutral(long ticket)
    {
        lock (_lock)
        {
            if (IsProbe(ticket)) _probe = 0;
        }
    }

    // Call with the lock held.
    private bool IsProbe(long ticket) => ticket != 0 && ticket == _probe;
}
