using Moecraft.Experts;
using Moecraft.Lifecycle;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.RouterLayer;

/// <summary>The SPEC 3 engine through the router layer grain, in a three-silo cluster with SQLite storage.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class RouterLayerEngineGrainTests(SqliteClusterFixture fixture)
{
    private const int Width = 6;
    private const int Dimension = 8;

    private async Task<IRouterLayerGrain> NeuralRouterAsync(int lifecycleInterval, bool execute = false, int experts = 5)
    {
        var router = fixture.Cluster.Client.GetGrain<IRouterLayerGrain>(TestExperts.UniqueId("layer"));
        await router.Configure(RouterConfiguration.Default with { Width = Width, InputDimension = Dimension, TopK = 2 });
        for (var e = 0; e < experts; e++) await router.RegisterExpert($"e{e}");
        await router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, execute, lifecycleInterval));
        return router;
    }

    private static bool[] Mask(int active) => [.. Enumerable.Range(0, Width).Select(e => e < active)];

    [Fact]
    public async Task Noise_expert_is_flagged_degrading_and_proposed_for_pruning_and_healthy_ones_are_not()
    {
        var router = await NeuralRouterAsync(lifecycleInterval: 100);
        var traces = new SyntheticTraces(Width, Dimension, seed: 1);
        for (var step = 0; step < 300; step++) traces.Ablate(await router.ObserveTrace(traces.Step(Mask(5))));

        var healthy = await router.GetProposals();
        Assert.Equal(3, healthy.Length);
        Assert.All(healthy, d => Assert.Equal(LifecycleDecisionStatus.NothingProposed, d.Status));

        // The slow clock (half-life 1,000 steps) must fall below 0.3 before a prune is proposed.
        traces.NoiseExperts.Add(3);
        for (var step = 0; step < 1700; step++) traces.Ablate(await router.ObserveTrace(traces.Step(Mask(5))));

        var health = await router.GetHealth();
        var noisy = health.Experts.Single(e => e.ExpertId == "e3");
        Assert.True(noisy.DeltaPhi < -0.01, $"delta_phi = {noisy.DeltaPhi}");
        Assert.True(noisy.Degrading);
        Assert.True(noisy.PhiLeaveOneOut.Fast < 0.3, $"phi_loo fast {noisy.PhiLeaveOneOut.Fast}");
        // Healthy experts that share units with the noise expert dip too, but stay far above it.
        Assert.All(health.Experts.Where(e => e.ExpertId != "e3"), e => Assert.True(e.PhiLeaveOneOut.Fast > 0.6, e.ExpertId));

        var proposals = await router.GetProposals();
        var prune = proposals.Where(d => d.Status == LifecycleDecisionStatus.Proposed).Select(d => d.ChosenCandidate!).ToList();
        Assert.NotEmpty(prune);
        Assert.All(prune, c => Assert.Equal(LifecycleEdit.Prune, c.Edit));
        Assert.All(prune, c => Assert.Equal([3], c.Slots.ToArray()));
        Assert.DoesNotContain(proposals, d => d.ChosenCandidate is { Edit: LifecycleEdit.Prune } c && c.Slots[0] != 3);
    }

    [Fact]
    public async Task Applying_a_prune_cools_the_slot_starts_an_epoch_and_masks_the_next_step()
    {
        var router = await NeuralRouterAsync(lifecycleInterval: 50);
        // A slow clock of 100 steps: the prune may come after 2 x 100 steps instead of 2,000.
        await router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, ExecuteLifecycle: false, LifecycleInterval: 50, SlowHalfLife: 100));
        var traces = new SyntheticTraces(Width, Dimension, seed: 2);
        traces.NoiseExperts.Add(1);
        for (var step = 0; step < 400; step++) traces.Ablate(await router.ObserveTrace(traces.Step(Mask(5))));
        var proposal = (await router.GetProposals()).Last(d => d.Status == LifecycleDecisionStatus.Proposed);
        var epoch = (await router.GetSnapshot()).Epoch;

        var applied = await router.ApplyProposal(proposal.Id);

        Assert.Equal(LifecycleDecisionStatus.Applied, applied.Status);
        var snapshot = await router.GetSnapshot();
        Assert.Equal(epoch + 1, snapshot.Epoch);
        Assert.False(snapshot.Slots.Single(s => s.ExpertId == "e1").Active);
        await Assert.ThrowsAsync<InvalidOperationException>(() => router.ApplyProposal(proposal.Id));

        var mask = Mask(5);
        mask[1] = false;
        var next = await router.ObserveTrace(traces.Step(mask));
        Assert.False(next.Active[1]);
        Assert.Equal(epoch + 1, next.Epoch);

        await router.SetExpertStatus("e1", ExpertStatus.Archived);
        await router.SetExpertStatus("e1", ExpertStatus.Active);
        Assert.True((await router.GetSnapshot()).Slots.Single(s => s.ExpertId == "e1").Active);
    }

    [Fact]
    public async Task Bad_traces_are_rejected_and_change_nothing()
    {
        var router = await NeuralRouterAsync(lifecycleInterval: 0);
        var traces = new SyntheticTraces(Width, Dimension, seed: 3);
        traces.Ablate(await router.ObserveTrace(traces.Step(Mask(5))));
        var before = await router.GetHealth();
        var good = traces.Step(Mask(5));

        var bad = new[]
        {
            good with { Counts = good.Counts.RemoveAt(0) },
            good with { ExpertOutputSums = SyntheticTraces.Bad(good.ExpertOutputSums, 3, float.NaN) },
            good with { MixtureSums = SyntheticTraces.Bad(good.MixtureSums, 0, float.PositiveInfinity) },
            good with { Counts = good.Counts.SetItem(5, 3) },          // traffic on an empty slot
            good with { Counts = good.Counts.SetItem(0, -1) },
            good with { Dimension = Dimension + 1 },
            good with { LogitStd = double.NaN },
            good with { SampledClean = [0.5f, 0.5f, 0, 0, 0, 0] },      // clean samples without biased ones
            good with { TopK = 0 },
        };
        foreach (var summary in bad)
            await Assert.ThrowsAsync<ArgumentException>(() => router.ObserveTrace(summary));

        var after = await router.GetHealth();
        Assert.Equal(before.Steps, after.Steps);
        Assert.Equal(before.Experts.Select(e => e.Tokens), after.Experts.Select(e => e.Tokens));
    }

    [Fact]
    public async Task Engine_state_and_decisions_survive_deactivation()
    {
        var router = await NeuralRouterAsync(lifecycleInterval: 10);
        var traces = new SyntheticTraces(Width, Dimension, seed: 4);
        for (var step = 0; step < 30; step++) traces.Ablate(await router.ObserveTrace(traces.Step(Mask(5))));
        var health = await router.GetHealth();
        var decisions = await router.GetProposals();

        await fixture.Cluster.Cluster.DeactivateAsync(router);

        var after = await router.GetHealth();
        Assert.Equal(30, after.Steps);
        Assert.Equal(health.Experts.Select(e => e.PhiLeaveOneOut.Slow), after.Experts.Select(e => e.PhiLeaveOneOut.Slow));
        Assert.Equal(health.Experts.Select(e => e.BiasCoefficient), after.Experts.Select(e => e.BiasCoefficient));
        Assert.Equal(decisions.Select(d => d.Id), (await router.GetProposals()).Select(d => d.Id));
        Assert.Equal(3, decisions.Length);
    }

    [Fact]
    public async Task Route_batch_reports_clean_and_biased_statistics()
    {
        var router = fixture.Cluster.Client.GetGrain<IRouterLayerGrain>(TestExperts.UniqueId("layer"));
        await router.Configure(TestExperts.SmallRouter(width: 4, topK: 2));
        foreach (var id in new[] { "a", "b", "c", "d" }) await router.RegisterExpert(id);

        var batch = Enumerable.Range(0, 16).SelectMany(i => TestExperts.Vector(i)).ToArray();
        var result = await router.RouteBatch([.. batch]);

        Assert.Equal(16, result.Decisions.Length);
        // No trace observed yet: beta = 0, so biased and clean routing agree exactly.
        Assert.Equal(0, result.Disagreement.OverlapMass, 1e-9);
        Assert.All(result.Decisions, d => Assert.Equal(d.CleanSlots.Order(), d.Selected.Select(s => s.Slot).Order()));
        await Assert.ThrowsAsync<ArgumentException>(() => router.RouteBatch([.. batch.Take(100)]));
    }

    [Fact]
    public async Task Slow_bias_steps_can_be_calibrated_per_router()
    {
        var router = await NeuralRouterAsync(lifecycleInterval: 0);
        await Assert.ThrowsAsync<ArgumentException>(() => router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, false, 0, LoadStep: -1)));
        await Assert.ThrowsAsync<ArgumentException>(() => router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, false, 0, CoherenceStep: double.NaN)));
        await Assert.ThrowsAsync<ArgumentException>(() => router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, false, 0, CoherenceSpreadFloor: 0)));
        await Assert.ThrowsAsync<ArgumentException>(() => router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, false, 0, PruneMinimumTokens: -1)));
        // The slow clock cannot be faster than the mid clock (100 steps).
        var slowerThanMid = await Assert.ThrowsAsync<ArgumentException>(() => router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, false, 0, SlowHalfLife: 50)));
        Assert.Contains("fast <= mid <= slow", slowerThanMid.Message);
        Assert.Null((await router.GetSettings()).LoadStep);
        Assert.Equal(RouterSettings.CalibratedNeuralLayer, await router.UpdateSettings(RouterSettings.CalibratedNeuralLayer));
        Assert.Equal(RouterSettings.CalibratedNeuralLayer, await router.GetSettings());

        // eta = 0: only the load part moves, so every over-loaded expert's b ends below every under-loaded one's, k stays 0.
        await router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, false, 0, LoadStep: 0.01, CoherenceStep: 0));
        var traces = new SyntheticTraces(Width, Dimension, seed: 5);
        var step = traces.Step(Mask(5));
        for (var i = 0; i < 20; i++) await router.ObserveTrace(step);

        var mean = step.Counts.Take(5).Average();
        var experts = (await router.GetHealth()).Experts.Where(e => e.Active).ToArray();
        Assert.All(experts, e => Assert.Equal(0.0, e.BiasCoefficient));
        Assert.All(experts, e => Assert.Equal(e.LoadBias + e.CoherenceBias, e.Bias, 1e-12));
        var k = experts.ToDictionary(e => e.Slot, e => e.LoadBias);
        var over = k.Where(e => step.Counts[e.Key] > mean).Select(e => e.Value).ToList();
        var under = k.Where(e => step.Counts[e.Key] < mean).Select(e => e.Value).ToList();
        Assert.NotEmpty(over);
        Assert.NotEmpty(under);
        Assert.True(over.Max() < under.Min(), $"b over-loaded {string.Join(", ", over)}; under-loaded {string.Join(", ", under)}");
    }
}
