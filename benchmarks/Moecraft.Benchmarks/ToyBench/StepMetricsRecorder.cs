using Moecraft.Balancing;
using Moecraft.Coherence;
using Moecraft.Torch.Moe;
using Moecraft.Torch.Training;
using Moecraft.Torch.Training.ToyBench;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// Reads every step's trace summaries, for every arm alike: the sampled routing disagreement (from the router layer
/// grain's answer for the Moecraft arm, otherwise from the summaries' clean and biased rows with
/// <see cref="RoutingDisagreement"/>), and <c>phi</c> / <c>phi_loo</c> per expert with <see cref="LayerCoherence"/> on the
/// router layer's three clocks, so the arms without a grain get the same coherence figures. Also keeps the time the
/// arm's controller took.
/// </summary>
internal sealed class StepMetricsRecorder
{
    private readonly RouterLayerBiasController? _router;
    private readonly ClockHalfLives _clocks = new();
    private readonly List<DisagreementFigures>[] _disagreement;
    private readonly ThreeClocks[] _phi;
    private readonly ThreeClocks[] _phiLeaveOneOut;
    private readonly List<double> _controllerSeconds = [];

    /// <param name="router">The Moecraft arm's controller, whose grains already measured the disagreement.</param>
    public StepMetricsRecorder(int layers, int experts, RouterLayerBiasController? router)
    {
        _router = router;
        _disagreement = [.. Enumerable.Range(0, layers).Select(_ => new List<DisagreementFigures>())];
        _phi = [.. Enumerable.Range(0, layers).Select(_ => ThreeClocks.Create(experts))];
        _phiLeaveOneOut = [.. Enumerable.Range(0, layers).Select(_ => ThreeClocks.Create(experts))];
    }

    public IReadOnlyList<double> ControllerSeconds => _controllerSeconds;

    /// <summary>The disagreement of each step, per layer.</summary>
    public IReadOnlyList<DisagreementFigures> Disagreement(int layer) => _disagreement[layer];

    public ThreeClocks Phi(int layer) => _phi[layer];

    public ThreeClocks PhiLeaveOneOut(int layer) => _phiLeaveOneOut[layer];

    public void Observe(ObservedStep step)
    {
        _controllerSeconds.Add(step.ControllerSeconds);
        var traces = step.Observation.Layers;
        for (var layer = 0; layer < traces.Count; layer++)
        {
            _disagreement[layer].Add(DisagreementOf(layer, traces[layer]));
            ObserveCoherence(layer, traces[layer]);
        }
    }

    private DisagreementFigures DisagreementOf(int layer, MoeTraceSummary trace)
    {
        if (_router is not null && _router.LastObservations.Count > layer && _router.LastObservations[layer].Disagreement is { } report)
            return DisagreementFigures.From(report);
        if (trace.SampledUnits == 0) return DisagreementFigures.Zero;
        return DisagreementFigures.From(RoutingDisagreement.Summarise(
            Doubles(trace.SampledClean), Doubles(trace.SampledBiased), trace.ExpertCount, trace.TopK));
    }

    private void ObserveCoherence(int layer, MoeTraceSummary trace)
    {
        var reading = LayerCoherence.Measure(
            trace.Counts, Doubles(trace.ExpertOutputSums), Doubles(trace.MixtureSums), Doubles(trace.LeaveOneOutSums), trace.Dimension);
        for (var e = 0; e < trace.ExpertCount; e++)
        {
            if (double.IsNaN(reading.Phi[e])) continue; // n_e = 0: no reading, the clocks keep their value (SPEC 3.2)
            _phi[layer].Observe(e, reading.Phi[e], _clocks);
            _phiLeaveOneOut[layer].Observe(e, reading.PhiLeaveOneOut[e], _clocks);
        }
    }

    private static double[] Doubles(float[] values) => Array.ConvertAll(values, v => (double)v);
}
