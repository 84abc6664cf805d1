namespace Moecraft.Benchmarks.Replay;

/// <summary>One expert as a single-expert router on the test items, with its price per million tokens.</summary>
internal sealed record ReplayExpertSummary(string Id, decimal InputPerMillion, decimal OutputPerMillion, double CostPerCall, double Quality);
