using Moecraft.Lifecycle;
using Moecraft.Routing;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// The bimodal known answer (BENCHMARKS 1) through a real router layer grain: 8 slots, 6 healthy experts, 2 free slots;
/// expert 0's sampled inputs come from two orthogonal clusters, expert 1's from one (<see cref="BimodalTraces"/>). The
/// grain's online cosine 2-means must give <c>B_0 &gt; 0.25 &gt;= B_1</c>, and its lifecycle (dry run) must propose splitting
/// expert 0, never expert 1, and prune nobody.
/// </summary>
internal static class BimodalityCheck
{
    private const int Width = 8;
    private const int ActiveExperts = 6;
    private const int Dimension = 16;
    private const int Steps = 300;
    private const int LifecycleInterval = 100;

    public static async Task<BimodalityCheckResult> RunAsync(IGrainFactory grains)
    {
        var router = grains.GetGrain<IRouterLayerGrain>($"toybench-bimodal-{Guid.NewGuid():n}");
        await router.Configure(RouterConfiguration.Default with { Width = Width, InputDimension = Dimension, TopK = 2 });
        for (var e = 0; e < ActiveExperts; e++) await router.RegisterExpert($"e{e}");
        await router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, ExecuteLifecycle: false, LifecycleInterval));

        var traces = new BimodalTraces(Width, ActiveExperts, Dimension, seed: 42);
        for (var step = 0; step < Steps; step++) await router.ObserveTrace(traces.Step());

        var health = await router.GetHealth();
        var proposed = (await router.GetProposals()).Where(d => d.ChosenCandidate is not null).ToArray();
        bool SplitOf(int expert) => proposed.Any(d => d.ChosenCandidate is { Edit: LifecycleEdit.Split } split && split.Slots[0] == expert);

        return new BimodalityCheckResult(
            Steps,
            health.Experts.Single(e => e.Slot == BimodalTraces.BimodalExpert).Bimodality,
            health.Experts.Single(e => e.Slot == BimodalTraces.UnimodalExpert).Bimodality,
            new LifecycleRule().SplitBimodalityAbove,
            SplitOf(BimodalTraces.BimodalExpert),
            SplitOf(BimodalTraces.UnimodalExpert),
            proposed.Any(d => d.ChosenCandidate!.Edit == LifecycleEdit.Prune),
            [.. proposed.Select(d => $"step {d.Step}: {d.Summary}")]);
    }
}
