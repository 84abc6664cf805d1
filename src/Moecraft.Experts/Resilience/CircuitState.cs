namespace Moecraft.Experts.Resilience;

/// <summary>State of an expert's circuit breaker.</summary>
public enum CircuitState
{
    /// <summary>Calls pass; consecutive failures are counted.</summary>
    Closed = 0,
    /// <summary>Calls are rejected at once until the open duration has passed.</summary>
    Open = 1,
    /// <summary>The open duration has passed: one probe call may pass; its outcome closes or re-opens the circuit.</summary>
    HalfOpen = 2,
}
