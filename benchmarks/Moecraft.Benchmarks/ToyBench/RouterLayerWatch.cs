using Moecraft.Lifecycle;
using Moecraft.Routing;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// Watches the Moecraft arm's router layer grains from outside the training loop: reads each layer's health every
/// <see cref="PollEvery"/> steps (the degrading flag), and at the end the final health and every recorded lifecycle
/// decision. None of this is timed as controller work.
/// </summary>
internal sealed class RouterLayerWatch(IGrainFactory grains, string routerPrefix, int layers, int experts)
{
    public const int PollEvery = 25;

    private readonly List<int> _pollSteps = [];
    private readonly List<int>[][] _flaggedAt = [.. Enumerable.Range(0, layers).Select(_ => Enumerable.Range(0, experts).Select(_ => new List<int>()).ToArray())];

    public IRouterLayerGrain Layer(int layer) => grains.GetGrain<IRouterLayerGrain>($"{routerPrefix}/layer{layer}");

    /// <param name="step">The zero-based step just taken.</param>
    public async ValueTask AfterStepAsync(int step)
    {
        if ((step + 1) % PollEvery != 0) return;
        _pollSteps.Add(step);
        for (var layer = 0; layer < layers; layer++)
        {
            var health = await Layer(layer).GetHealth();
            foreach (var expert in health.Experts.Where(e => e.Degrading)) _flaggedAt[layer][expert.Slot].Add(step);
        }
    }

    /// <summary>Per layer, the findings and the final health report (the source of the Moecraft arm's phi figures).</summary>
    public async Task<(RouterLayerFindings Findings, LayerHealthReport Health)[]> FinishAsync()
    {
        var findings = new (RouterLayerFindings, LayerHealthReport)[layers];
        for (var layer = 0; layer < layers; layer++)
        {
            var health = await Layer(layer).GetHealth();
            var decisions = await Layer(layer).GetProposals();
            var slots = health.Experts.OrderBy(e => e.Slot).ToArray();
            findings[layer] = (new RouterLayerFindings(
                [.. _pollSteps],
                [.. _flaggedAt[layer].Select(steps => steps.ToArray())],
                [.. slots.Select(e => e.Degrading)],
                [.. slots.Select(e => Reading(e.DeltaPhi))],
                [.. slots.Select(e => e.Bimodality)],
                decisions.Length,
                [.. decisions.Where(d => d.ChosenCandidate is not null).Select(Finding)]), health);
        }

        return findings;
    }

    private static ProposalFinding Finding(LifecycleDecisionRecord decision)
    {
        var edit = decision.ChosenCandidate!;
        return new ProposalFinding(decision.Step, edit.Edit.ToString(), [.. edit.Slots], decision.Status.ToString(), decision.Summary);
    }

    private static double? Reading(double value) => double.IsNaN(value) ? null : value;
}
