using Moecraft.Governance;
using Moecraft.Hosting.Configuration;
using Moecraft.Journal;
using Moecraft.Lifecycle;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.RouterLayer;

namespace Moecraft.Tests.Governance;

/// <summary>
/// The router layer's automatic lifecycle execution obeys the governance policy: a noise expert gets a prune proposal,
/// which stays proposed under dry-run and is applied on its own under apply-prune.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class LifecycleAutonomyGrainTests(SqliteClusterFixture fixture)
{
    private const int Width = 6;
    private const int Dimension = 8;

    [Fact]
    public async Task Under_dry_run_an_opted_in_router_only_proposes_the_prune()
    {
        var (router, _) = await RunNoiseExpertAsync(LifecycleAutonomy.DryRun, seed: 2);

        var decisions = await router.GetProposals();
        Assert.Contains(decisions, d => d.Status == LifecycleDecisionStatus.Proposed && d.ChosenCandidate!.Edit == LifecycleEdit.Prune);
        Assert.DoesNotContain(decisions, d => d.Status == LifecycleDecisionStatus.Applied);
        var snapshot = await router.GetSnapshot();
        Assert.True(snapshot.Slots.Single(s => s.ExpertId == "e1").Active);
    }

    [Fact]
    public async Task Under_apply_prune_the_prune_is_applied_automatically_and_journaled()
    {
        var (router, epochBefore) = await RunNoiseExpertAsync(LifecycleAutonomy.ApplyPrune, seed: 2);

        var decisions = await router.GetProposals();
        var applied = Assert.Single(decisions, d => d.Status == LifecycleDecisionStatus.Applied);
        Assert.Equal(LifecycleEdit.Prune, applied.ChosenCandidate!.Edit);
        Assert.Equal([1], applied.ChosenCandidate.Slots.ToArray());
        var snapshot = await router.GetSnapshot();
        Assert.False(snapshot.Slots.Single(s => s.ExpertId == "e1").Active);
        Assert.True(snapshot.Epoch > epochBefore);

        var routerId = router.GetPrimaryKeyString();
        var node = new MoecraftSiloOptions().NodeName;
        await Eventually.Succeeds(async () =>
        {
            var day = await fixture.Cluster.Client.GetGrain<IJournalGrain>(JournalKeys.For(node, DateTimeOffset.UtcNow)).Read();
            var entry = day.Entries.Single(e => e.Kind == JournalKinds.LifecycleEdit && e.Text.Contains($"Router '{routerId}'"));
            Assert.Contains("automatically (lifecycle autonomy apply-prune)", entry.Text);
            return entry;
        }, TimeSpan.FromSeconds(10), "the journal entry of the applied prune");
    }

    private async Task<(IRouterLayerGrain Router, int EpochBefore)> RunNoiseExpertAsync(LifecycleAutonomy autonomy, int seed)
    {
        var governance = fixture.Cluster.Client.GetGrain<IGovernanceGrain>(TestExperts.UniqueId("gov-life"));
        await governance.SetPolicy(GovernancePolicy.Default with { LifecycleAutonomy = autonomy }, "test");
        var router = fixture.Cluster.Client.GetGrain<IRouterLayerGrain>(TestExperts.UniqueId("layer-auto"));
        await router.Configure(RouterConfiguration.Default with { Width = Width, InputDimension = Dimension, TopK = 2 });
        for (var e = 0; e < 5; e++) await router.RegisterExpert($"e{e}");
        // As in RouterLayerEngineGrainTests: a slow clock of 100 steps lets a prune come within 400 steps.
        await router.UpdateSettings(new RouterSettings(
            RouterKind.NeuralLayer, ExecuteLifecycle: true, LifecycleInterval: 50, SlowHalfLife: 100,
            GovernanceId: governance.GetPrimaryKeyString()));
        var epochBefore = (await router.GetSnapshot()).Epoch;

        var traces = new SyntheticTraces(Width, Dimension, seed);
        traces.NoiseExperts.Add(1);
        var mask = Enumerable.Range(0, Width).Select(e => e < 5).ToArray();
        for (var step = 0; step < 400; step++)
        {
            var observation = traces.Ablate(await router.ObserveTrace(traces.Step(mask)));
            mask = [.. observation.Active];
        }
        return (router, epochBefore);
    }
}
