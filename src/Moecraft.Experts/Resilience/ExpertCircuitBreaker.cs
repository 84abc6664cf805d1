namespace Moecraft.Experts.Resilience;

/// <summary>
/// One expert's circuit breaker: opens after <see cref="FailuresToOpen"/> consecutive failed calls, rejects calls
/// while open, and after <see cref="OpenDuration"/> lets a single probe through whose outcome closes or re-opens it.
/// </summary>
/// <remarks>
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
    private bool _probeInFlight;

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

    /// <summary>Admits a call or throws <see cref="ExpertUnavailableException"/>; every admitted call must report one outcome.</summary>
    public void Enter()
    {
        lock (_lock)
        {
            if (!_open) return;
            var now = _time.GetUtcNow();
            if (now < _openUntil) throw new ExpertUnavailableException(ExpertId, _openUntil);
            // Half-open: exactly one probe at a time, the others are still turned away.
            if (_probeInFlight) throw new ExpertUnavailableException(ExpertId, now + OpenDuration);
            _probeInFlight = true;
        }
    }

    /// <summary>The admitted call succeeded: the circuit closes and the failure count restarts.</summary>
    public void OnSuccess()
    {
        lock (_lock)
        {
            _consecutiveFailures = 0;
            _open = false;
            _probeInFlight = false;
        }
    }

    /// <summary>The admitted call failed in a way that says the backend is unwell.</summary>
    public void OnFailure()
    {
        lock (_lock)
        {
            _consecutiveFailures++;
            if (_probeInFlight || _consecutiveFailures >= FailuresToOpen)
            {
                _open = true;
                _openUntil = _time.GetUtcNow() + OpenDuration;
            }
            _probeInFlight = false;
        }
    }

    /// <summary>The admitted call ended in a way that says nothing about the backend (the caller's fault or cancellation).</summary>
    public void OnNeutral()
    {
        lock (_lock) _probeInFlight = false;
    }
}
