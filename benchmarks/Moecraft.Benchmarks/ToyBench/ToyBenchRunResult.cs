using System.Text.Json.Serialization;
using Moecraft.Torch.Training.ToyBench;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>One arm x fault x seed: model size, validation loss, step costs, leak check, and per-layer figures.</summary>
/// <param name="FinalTrainLoss">Mean training loss over the last-steps window (200 steps).</param>
/// <param name="MedianControllerSeconds">The selection-bias controller's call alone (loss-free rule or router layer grains).</param>
/// <param name="ControllerOverhead">Median controller seconds / median step seconds: the goal's coherence overhead.</param>
/// <param name="EngineMathOverhead">The Moecraft arm only: median seconds of the same engine math run locally on the same traces
/// (no grain hop, no persistence) / median step seconds; 0 for other arms.</param>
/// <param name="TraceAndControllerOverhead">The same with the trace reduction added (what the Moecraft arm needs in all).</param>
/// <param name="LiveTensorsMin">Smallest process-wide live-tensor count after any step; equal to the max when nothing leaks.</param>
/// <param name="ThreadLiveTensorsMin">The same on the training thread: exact only while the trainer stays on one thread, which an
/// awaited grain call does not guarantee (its continuation may resume elsewhere), so the leak check uses the process-wide count.</param>
internal sealed record ToyBenchRunResult(
    string Arm,
    string Fault,
    int Seed,
    int Steps,
    long Parameters,
    long ActiveParameters,
    double ValidationLoss,
    double FinalTrainLoss,
    double MedianStepSeconds,
    double MedianTraceSeconds,
    double MedianControllerSeconds,
    double ControllerOverhead,
    double EngineMathOverhead,
    double TraceAndControllerOverhead,
    long LiveTensorsMin,
    long LiveTensorsMax,
    long ThreadLiveTensorsMin,
    long ThreadLiveTensorsMax,
    double WallSeconds,
    LayerMetrics[] Layers)
{
    public string Name => $"{Arm}/{Fault}/{Seed}";

    public bool LiveTensorsFlat => LiveTensorsMin == LiveTensorsMax;

    [JsonIgnore]
    public ToyBenchArm ArmKind => ToyBenchNames.ParseArm(Arm);

    [JsonIgnore]
    public ToyBenchFault FaultKind => ToyBenchNames.ParseFault(Fault);
}
