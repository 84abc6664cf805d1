namespace Moecraft.Experts;

/// <summary>Running totals of an expert's work, persisted with its state.</summary>
/// <param name="Saturated">Calls turned away because the expert was at its concurrency limit for the whole queue timeout; the backend was never called, so they are neither invocations nor failures.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertCounters")]
public sealed record ExpertCounters(
    [Id(0)] long Invocations,
    [Id(1)] long Failures,
    [Id(2)] long InputTokens,
    [Id(3)] long OutputTokens,
    [Id(4)] decimal Cost,
    [Id(5)] long TotalLatencyMs,
    [Id(6)] long Saturated = 0)
{
    public static ExpertCounters Zero { get; } = new(0, 0, 0, 0, 0m, 0);

    public ExpertCounters AddSuccess(long inputTokens, long outputTokens, decimal cost, long latencyMs) =>
        this with
        {
            Invocations = Invocations + 1,
            InputTokens = InputTokens + inputTokens,
            OutputTokens = OutputTokens + outputTokens,
            Cost = Cost + cost,
            TotalLatencyMs = TotalLatencyMs + latencyMs,
        };

    public ExpertCounters AddFailure(long latencyMs) =>
        this with { Invocations = Invocations + 1, Failures = Failures + 1, TotalLatencyMs = TotalLatencyMs + latencyMs };

    public ExpertCounters AddSaturation() => this with { Saturated = Saturated + 1 };
}
