using System.Collections.Immutable;
using Moecraft.Lifecycle;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.RouterLayer;

/// <summary>
/// An LLM router has no trainer to measure ablations, so it measures them on its own recent gate calls
/// (<see cref="PredictedAblation"/>): a low-coherence expert the predictor never prefers is proposed for pruning, one it
/// prefers on the router's traffic is kept however low its coherence.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class LlmRouterPruneTests(SqliteClusterFixture fixture)
{
    private const int Width = 6;
    private const int Dimension = 8;
    private const int Noise = 1;

    private async Task<IRouterLayerGrain> LlmRouterWithTrafficAsync(double noiseExpertScore)
    {
        var router = fixture.Cluster.Client.GetGrain<IRouterLayerGrain>(TestExperts.UniqueId("llm-prune"));
        await router.Configure(RouterConfiguration.Default with { Width = Width, InputDimension = Dimension, TopK = 2 });
        for (var e = 0; e < 5; e++) await router.RegisterExpert($"e{e}");
        // A slow clock of 100 steps: a prune may come after 200 steps instead of 2,000.
        await router.UpdateSettings(new RouterSettings(RouterKind.LlmRequests, ExecuteLifecycle: false, LifecycleInterval: 50, SlowHalfLife: 100));

        var random = new Random(5);
        var prompts = Enumerable.Range(0, 16).Select(_ => ImmutableArray.CreateRange(Enumerable.Range(0, Dimension).Select(_ => (float)random.NextDouble()))).ToArray();
        for (var round = 0; round < 3; round++)
        {
            foreach (var prompt in prompts)
            {
                await router.LearnScore(prompt, $"e{Noise}", noiseExpertScore);
                await router.LearnScore(prompt, "e0", 1 - noiseExpertScore);
            }
        }
        foreach (var prompt in prompts) await router.Gate(prompt);
        return router;
    }

    private static async Task<ImmutableArray<LifecycleDecisionRecord>> ObserveNoisyTracesAsync(IRouterLayerGrain router)
    {
        var traces = new SyntheticTraces(Width, Dimension, seed: 3);
        traces.NoiseExperts.Add(Noise);
        bool[] active = [.. Enumerable.Range(0, Width).Select(e => e < 5)];
        for (var step = 0; step < 400; step++) await router.ObserveTrace(traces.Step(active));
        return await router.GetProposals();
    }

    [Fact]
    public async Task A_low_coherence_expert_the_predictor_never_prefers_is_proposed_for_pruning_on_measured_evidence()
    {
        var router = await LlmRouterWithTrafficAsync(noiseExpertScore: 0);

        var proposals = await ObserveNoisyTracesAsync(router);

        var prune = proposals.Where(d => d.Status == LifecycleDecisionStatus.Proposed).Select(d => d.ChosenCandidate!).ToList();
        Assert.NotEmpty(prune);
        Assert.All(prune, c => Assert.Equal((LifecycleEdit.Prune, Noise), (c.Edit, c.Slots.Single())));
        Assert.All(prune, c => Assert.Contains("ablation at step", c.Reason));
    }

    [Fact]
    public async Task A_low_coherence_expert_the_predictor_prefers_on_the_routers_traffic_is_kept()
    {
        var router = await LlmRouterWithTrafficAsync(noiseExpertScore: 1);

        var proposals = await ObserveNoisyTracesAsync(router);

        Assert.DoesNotContain(proposals, d => d.ChosenCandidate is { Edit: LifecycleEdit.Prune });
        var last = proposals.Last().Candidates.Single(c => c.Edit == LifecycleEdit.Prune && c.Slots.Single() == Noise);
        Assert.False(last.Eligible);
        Assert.Contains("phi_slow", last.Reason);
        Assert.Matches(@"ablation at step \d+: loss [\d.]+ -> [\d.]+ masked \(\+0\.\d+\) <= \+0\.005", last.Reason);
    }
}
