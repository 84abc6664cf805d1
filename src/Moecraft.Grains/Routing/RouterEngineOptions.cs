using Moecraft.Balancing;
using Moecraft.Coherence;

namespace Moecraft.Routing;

/// <summary>The engine options a router's settings stand for: the kind's slow-bias rule, with any calibrated steps.</summary>
public static class RouterEngineOptions
{
    public static RouterLayerEngineOptions For(RouterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rule = settings.Kind == RouterKind.NeuralLayer ? SlowBiasRule.Neural : SlowBiasRule.LlmRouter;
        return new RouterLayerEngineOptions
        {
            Bias = rule with
            {
                LoadStep = settings.LoadStep ?? rule.LoadStep,
                CoherenceStep = settings.CoherenceStep ?? rule.CoherenceStep,
            },
        };
    }
}
