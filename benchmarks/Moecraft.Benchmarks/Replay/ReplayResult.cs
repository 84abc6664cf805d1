namespace Moecraft.Benchmarks.Replay;

/// <summary>Everything one replay run measured (BENCHMARKS 2); written as JSON and rendered as tables.</summary>
internal sealed record ReplayResult(
    string Dataset,
    int TrainItems,
    int TestItems,
    int Seed,
    int Heads,
    int Epochs,
    double UncertaintyPenalty,
    double MaxUncertainty,
    string Cheapest,
    string Premium,
    string BestSingle,
    double RequiredQuality,
    IReadOnlyList<ReplayExpertSummary> Experts,
    IReadOnlyList<ReplayRouterResult> Routers,
    double DecisionP50Ms,
    double DecisionP95Ms,
    double DecisionMeanMs,
    double TrainSeconds);
