using Moecraft.Experts.Replay;

namespace Moecraft.Benchmarks.Replay;

/// <summary>Everything one replay run measured (BENCHMARKS 2); written as JSON and rendered as tables.</summary>
internal sealed record ReplayResult(
    string Dataset,
    int TrainItems,
    int TestItems,
    IReadOnlyList<int> Seeds,
    int Heads,
    int Epochs,
    double UncertaintyPenalty,
    double MaxUncertainty,
    string Embedder,
    int EmbeddingDimension,
    int GateInputs,
    string Cheapest,
    string Premium,
    string BestSingle,
    double RequiredQuality,
    IReadOnlyList<ReplayExpertSummary> Experts,
    IReadOnlyList<ReplayRouterResult> Routers,
    IReadOnlyList<ReplayCalibration> Calibration,
    ReplayLatency Latency,
    double TrainSeconds,
    string GainHead);

/// <summary>How calibrated the gate's predicted success of one expert is on the test items, over the seeds.</summary>
internal sealed record ReplayCalibration(string Expert, Spread Brier, Spread ExpectedCalibrationError);

/// <summary>
/// Decision latency, measured on one 220-character prompt: the embedding plus the gate (statistics, predictor, policy),
/// and the gate alone; <c>Cores</c> is what the process could use.
/// </summary>
internal sealed record ReplayLatency(int PromptCharacters, int Repetitions, int Cores, double DecisionP50Ms, double DecisionP95Ms, double GateP50Ms, double GateP95Ms);
