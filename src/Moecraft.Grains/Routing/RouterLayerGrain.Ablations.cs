using Moecraft.Coherence;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>
/// An LLM router's ablation tests (SPEC 3.6): no trainer measures them, so when the engine asks for one (a prune candidate
/// whose evidence is missing or ageing) the router measures it on its recent gate calls (<see cref="PredictedAblation"/>)
/// and hands it to the engine with the step's trace, as a trainer would.
/// </summary>
public sealed partial class RouterLayerGrain
{
    /// <summary>Gate calls an LLM router's ablation tests are measured on.</summary>
    public const int RecentGateInputCapacity = 256;

    private readonly RecentGateInputs _recentInputs = new(RecentGateInputCapacity);

    /// <summary>The trace with the ablation tests the engine wants, for an LLM router whose trace brings none.</summary>
    private TraceStepInput WithPredictedAblations(RouterConfiguration configuration, TraceStepInput input, RouterLayerEngine engine)
    {
        if (state.State.Settings.Kind != RouterKind.LlmRequests || input.Ablations is { Length: > 0 }) return input;
        var wanted = engine.WantedAblations();
        if (wanted.Length == 0) return input;
        var active = Enumerable.Range(0, state.State.SlotExperts.Length)
            .Where(slot => state.State.Active[slot] && state.State.SlotExperts[slot] is not null)
            .Select(slot => state.State.SlotExperts[slot]!)
            .ToHashSet(StringComparer.Ordinal);
        if (active.Count < 2) return input;
        var predictor = Predictor(configuration);
        var recent = _recentInputs.OfWidth(predictor.Dimension);
        (int Slot, string ExpertId)[] tested = [.. wanted
            .Where(slot => state.State.SlotExperts[slot] is { } expert && active.Contains(expert))
            .Select(slot => (slot, state.State.SlotExperts[slot]!))];
        AblationEvidence[] measured = [.. PredictedAblation.Measure(tested, recent, predictor.Predict, active).OfType<AblationEvidence>()];
        return measured.Length == 0 ? input : input with { Ablations = measured };
    }
}
