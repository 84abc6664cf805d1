namespace Moecraft.Experts.Resilience;

/// <summary>The expert's circuit is open: the call was rejected at once, without contacting the backend.</summary>
public sealed class ExpertUnavailableException(string expertId, DateTimeOffset retryAfter)
    : Exception($"Expert '{expertId}' is unavailable: its circuit is open after repeated failures; it accepts a probe call from {retryAfter:O}.")
{
    public string ExpertId { get; } = expertId;

    /// <summary>When the circuit half-opens and lets one probe call through.</summary>
    public DateTimeOffset RetryAfter { get; } = retryAfter;
}
