using Moecraft.Balancing;
using Moecraft.Coherence;

namespace Moecraft.Routing;

/// <summary>The engine options a router's settings stand for: the kind's slow-bias rule and the SPEC defaults, with any calibrated overrides.</summary>
public static class RouterEngineOptions
{
    public static RouterLayerEngineOptions For(RouterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rule = settings.Kind == RouterKind.NeuralLayer ? SlowBiasRule.Neural : SlowBiasRule.LlmRouter;
        var defaults = new RouterLayerEngineOptions();
        return defaults with
        {
            Bias = rule with
            {
                LoadStep = settings.LoadStep ?? rule.LoadStep,
                CoherenceStep = settings.CoherenceStep ?? rule.CoherenceStep,
                SpreadFloor = settings.CoherenceSpreadFloor ?? rule.SpreadFloor,
            },
            Clocks = defaults.Clocks with { Slow = settings.SlowHalfLife ?? defaults.Clocks.Slow },
            Lifecycle = defaults.Lifecycle with
            {
                PruneCoherenceBelow = settings.PruneCoherenceBelow ?? defaults.Lifecycle.PruneCoherenceBelow,
                PruneMinimumTokens = settings.PruneMinimumTokens ?? defaults.Lifecycle.PruneMinimumTokens,
            },
        };
    }
}
