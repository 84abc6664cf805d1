namespace Moecraft.Experts.Replay;

/// <summary>What one expert did on one replay item: judged quality in [0, 1], token usage, latency and optionally the answer text.</summary>
public sealed record ReplayOutcome(double Quality, long InputTokens, long OutputTokens, double LatencyMs, string? Response = null);
