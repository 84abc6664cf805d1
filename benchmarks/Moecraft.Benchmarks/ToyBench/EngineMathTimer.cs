using System.Diagnostics;
using Moecraft.Coherence;
using Moecraft.Routing;
using Moecraft.Torch.Moe;
using Moecraft.Torch.Training;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// Splits the Moecraft arm's controller time into math and the rest: feeds the same trace summaries to a local
/// <see cref="RouterLayerEngine"/> per layer (the engine the grain runs, with the options the grain derives from
/// <paramref name="settings"/>, lifecycle at the same interval) and times it. The grain call adds the hop and persisting its state each step.
/// Its bias is discarded: training follows the grain.
/// </summary>
internal sealed class EngineMathTimer(int layers, int experts, RouterSettings settings)
{
    private readonly bool[] _active = Enumerable.Repeat(true, experts).ToArray();
    private readonly RouterLayerEngine?[] _engines = new RouterLayerEngine?[layers];
    private readonly List<double> _seconds = [];

    /// <summary>Seconds of engine math per step, all layers together.</summary>
    public IReadOnlyList<double> Seconds => _seconds;

    public void Observe(int step, IReadOnlyList<MoeTraceSummary> traces)
    {
        var started = Stopwatch.GetTimestamp();
        for (var layer = 0; layer < traces.Count; layer++)
        {
            var input = TraceSummaryMapper.ToStepInput(RouterLayerBiasController.ToContract(traces[layer]), _active);
            var engine = _engines[layer] ??= new RouterLayerEngine(
                RouterLayerEngineState.Create(_active, traces[layer].Dimension, traces[layer].Dimension),
                RouterEngineOptions.For(settings));
            engine.ObserveStep(input);
            if (settings.LifecycleInterval > 0 && (step + 1) % settings.LifecycleInterval == 0) engine.Propose();
        }

        _seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
