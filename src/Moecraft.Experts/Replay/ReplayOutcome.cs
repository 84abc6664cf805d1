namespace Moecraft.Experts.Replay;

/// <summary>
/// What one expert did on one replay item: judged quality in [0, 1], token usage, latency, optionally the answer text, and
/// optionally further answers of the same expert to the same prompt (<see cref="ReplaySample"/>) for consistency checks.
/// </summary>
public sealed record ReplayOutcome(double Quality, long InputTokens, long OutputTokens, double LatencyMs, string? Response = null, IReadOnlyList<ReplaySample>? Samples = null)
{
    /// <summary>The further answers, never null.</summary>
    public IReadOnlyList<ReplaySample> SampleList => Samples ?? [];
}
