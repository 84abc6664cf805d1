using Moecraft.Torch.Training.ToyBench;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>One arm x fault x seed: model size, validation loss, step costs, leak check, and per-layer figures.</summary>
/// <param name="MedianControllerSeconds">The selection-bias controller's call alone (loss-free rule or router layer grains).</param>
/// <param name="ControllerOverhead">Median controller seconds / median step seconds: the goal's coherence overhead.</param>
/// <param name="TraceAndControllerOverhead">The same with the trace reduction added (what the Moecraft arm needs in all).</param>
/// <param name="ThreadLiveTensorsMin">Smallest live-tensor count on the training thread after any step; equal to the max when nothing leaks.</param>
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
    double TraceAndControllerOverhead,
    long ThreadLiveTensorsMin,
    long ThreadLiveTensorsMax,
    double WallSeconds,
    LayerMetrics[] Layers)
{
    public string Name => $"{Arm}/{Fault}/{Seed}";

    public bool LiveTensorsFlat => ThreadLiveTensorsMin == ThreadLiveTensorsMax;

    public ToyBenchArm ArmKind => ToyBenchNames.ParseArm(Arm);

    public ToyBenchFault FaultKind => ToyBenchNames.ParseFault(Fault);
}
