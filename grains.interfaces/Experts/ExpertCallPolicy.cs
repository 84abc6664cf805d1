namespace Moecraft.Experts;

/// <summary>
/// How an expert's backend is called (SPEC 4.5): timeouts, retries before any output, and the circuit breaker.
/// </summary>
/// <param name="ConnectTimeout">Longest wait to open a connection to the backend.</param>
/// <param name="FirstTokenTimeout">Longest wait, per attempt, from the request to the first streamed output.</param>
/// <param name="TotalTimeout">Longest a whole call may take, retries and streaming included.</param>
/// <param name="MaxRetries">Retries after a retryable failure (connection refused, timeout, HTTP 408/429/5xx) before any output.</param>
/// <param name="BaseBackoff">Wait before the first retry; it doubles (with jitter) for each later one.</param>
/// <param name="FailuresToOpen">Consecutive failed calls that open the expert's circuit.</param>
/// <param name="OpenDuration">How long an open circuit rejects calls before it lets one probe through.</param>
/// <param name="IdleTimeout">
/// Longest silence between two streamed updates once output has begun (a stream that stalls without closing); null: only
/// the total timeout bounds a stalled stream.
/// </param>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertCallPolicy")]
public sealed record ExpertCallPolicy(
    [Id(0)] TimeSpan ConnectTimeout,
    [Id(1)] TimeSpan FirstTokenTimeout,
    [Id(2)] TimeSpan TotalTimeout,
    [Id(3)] int MaxRetries,
    [Id(4)] TimeSpan BaseBackoff,
    [Id(5)] int FailuresToOpen,
    [Id(6)] TimeSpan OpenDuration,
    [Id(7)] TimeSpan? IdleTimeout = null)
{
    public const int MaxRetriesLimit = 10;
    public const int FailuresToOpenLimit = 1_000;

    /// <summary>Longest any timeout or open duration may be; longer values are almost certainly a unit mistake.</summary>
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(1);

    /// <summary>Longest base backoff; later retries wait longer still.</summary>
    public static readonly TimeSpan LongestBaseBackoff = TimeSpan.FromMinutes(1);

    public static ExpertCallPolicy Default { get; } = new(
        ConnectTimeout: TimeSpan.FromSeconds(5),
        FirstTokenTimeout: TimeSpan.FromSeconds(30),
        TotalTimeout: TimeSpan.FromMinutes(2),
        MaxRetries: 2,
        BaseBackoff: TimeSpan.FromMilliseconds(250),
        FailuresToOpen: 5,
        OpenDuration: TimeSpan.FromSeconds(30));
}
