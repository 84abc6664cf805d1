using System.Collections.Immutable;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Requests;
using Moecraft.Tests.RouterLayer;

namespace Moecraft.Tests.Keepers;

/// <summary>Reflexes through the fast keeper (SPEC 5.3): every gate is checked against the router's counters at proposal and commit.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ReflexKeeperTests(SqliteClusterFixture fixture)
{
    private const string Inside = "translate this legal contract clause about liability into formal german";
    private const double Radius = 0.05;

    private IGrainFactory Grains => fixture.Cluster.Client;

    private async Task<(string RouterId, string[] Experts, ImmutableArray<float> Input)> RouterAsync(string prefix)
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, prefix);
        var vectors = await Grains.GetGrain<IChatRouterGrain>(routerId).Embed([Inside]);
        return (routerId, experts, [.. vectors[0]]);
    }

    /// <summary>Healthy traces for the router's three experts: their slow phi_loo rises well above 0.7.</summary>
    private async Task HealthyTracesAsync(IRouterLayerGrain router, int steps)
    {
        var traces = new SyntheticTraces(4, 8, seed: 3);
        for (var step = 0; step < steps; step++) await router.ObserveTrace(traces.Step([true, true, true, false]));
    }

    private static async Task ScoreAsync(IRouterLayerGrain router, ImmutableArray<float> input, string expert, int count, double score)
    {
        for (var i = 0; i < count; i++) await router.LearnScore(input, expert, score);
    }

    private static async Task GateAsync(IRouterLayerGrain router, ImmutableArray<float> input, int count)
    {
        for (var i = 0; i < count; i++) await router.Gate(input);
    }

    private static ReflexEvidence Evidence(ImmutableArray<float> input, int stable = ReflexGates.StableSteps, long samples = ReflexGates.MinFeedbackSamples) =>
        new(input, Radius, stable, samples);

    /// <summary>The router's traces tick the keepers too, without waiting: the proposal's own tick says when the dwell is over.</summary>
    private static async Task TickPastDwellAsync(IKeeperOperatorGrain keeper)
    {
        var proposedAt = (await keeper.GetSnapshot()).Proposals.Max(p => p.ProposedAt);
        await keeper.Tick(proposedAt + KeeperClocks.Dwell(KeeperClock.Fast));
    }

    [Fact]
    public async Task A_reflex_passing_every_gate_is_committed_by_the_fast_keeper_after_its_dwell()
    {
        var (routerId, experts, input) = await RouterAsync("reflex-ok");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        await HealthyTracesAsync(router, 20);
        var health = await router.GetHealth();
        Assert.All(health.Experts.Where(e => e.Active), e => Assert.True(e.PhiLeaveOneOut.Slow >= 0.7, $"{e.ExpertId}: {e.PhiLeaveOneOut.Slow}"));
        await ScoreAsync(router, input, experts[0], 50, 1.0);
        await GateAsync(router, input, ReflexGates.StableSteps);
        var statistics = await router.GetReflexStatistics(experts[0], input, Radius);
        Assert.Equal(ReflexGates.StableSteps, statistics.StableSteps);
        Assert.Equal(50, statistics.FeedbackSamples);
        Assert.Equal(1.0, statistics.FeedbackMean, 12);

        var keeper = TestKeepers.Fast(Grains, routerId);
        await keeper.Tick(20); // where the traces' own (unawaited) ticks take it
        var id = await keeper.ProposeReflex(experts[0], Evidence(input));
        Assert.Equal(id, await keeper.ProposeReflex(experts[0], Evidence(input)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => keeper.Commit(id));
        await TickPastDwellAsync(keeper);
        var result = await keeper.Commit(id);
        Assert.Equal(CommitOutcome.Committed, result.Outcome);

        var snapshot = await keeper.GetSnapshot();
        var committed = Assert.Single(snapshot.Events);
        Assert.Equal(IdentityEventKind.Reflex, committed.Kind);
        Assert.Equal(experts[0], committed.Subject);
        Assert.Equal(Evidence(input), committed.Reflex);
        // The fast keeper's events never touch the router's scars.
        Assert.Empty(await router.GetScars());
    }

    [Fact]
    public async Task Evidence_that_no_longer_holds_at_commit_is_rejected()
    {
        var (routerId, experts, input) = await RouterAsync("reflex-recheck");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        await HealthyTracesAsync(router, 20);
        await ScoreAsync(router, input, experts[0], 50, 1.0);
        await GateAsync(router, input, ReflexGates.StableSteps);
        var keeper = TestKeepers.Fast(Grains, routerId);
        var id = await keeper.ProposeReflex(experts[0], Evidence(input));

        // Poor feedback during the dwell drags the mean below 0.8.
        await ScoreAsync(router, input, experts[0], 20, 0.0);
        await TickPastDwellAsync(keeper);
        var result = await keeper.Commit(id);
        Assert.Equal(CommitOutcome.Rejected, result.Outcome);
        Assert.Contains("gate 3: feedback averages", result.Reason);
        Assert.Empty((await keeper.GetSnapshot()).Events);
        Assert.Equal(result, await keeper.Commit(id));
    }

    [Fact]
    public async Task Gate_1_refuses_a_region_without_a_stable_top_1_and_claims_beyond_the_routers_counters()
    {
        var (routerId, experts, input) = await RouterAsync("reflex-g1");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var keeper = TestKeepers.Fast(Grains, routerId);
        await GateAsync(router, input, ReflexGates.StableSteps - 1);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => keeper.ProposeReflex(experts[0], Evidence(input)));
        Assert.Contains("gate 1:", refused.Message);
        Assert.Contains("fewer than the 10 the evidence names", refused.Message);
        Assert.Empty((await keeper.GetSnapshot()).Proposals);
    }

    [Fact]
    public async Task Gate_2_refuses_an_expert_whose_slow_phi_is_unmeasured()
    {
        var (routerId, experts, input) = await RouterAsync("reflex-g2");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        await ScoreAsync(router, input, experts[0], 50, 1.0);
        await GateAsync(router, input, ReflexGates.StableSteps);
        var keeper = TestKeepers.Fast(Grains, routerId);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => keeper.ProposeReflex(experts[0], Evidence(input)));
        Assert.Contains("gate 2:", refused.Message);
        Assert.DoesNotContain("gate 1:", refused.Message);
        Assert.DoesNotContain("gate 3:", refused.Message);
        Assert.Empty((await keeper.GetSnapshot()).Proposals);
    }

    [Fact]
    public async Task Gate_3_refuses_too_few_and_too_poor_feedback_samples()
    {
        var (routerId, experts, input) = await RouterAsync("reflex-g3");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        await HealthyTracesAsync(router, 20);
        var keeper = TestKeepers.Fast(Grains, routerId);
        await ScoreAsync(router, input, experts[0], 49, 1.0);
        await GateAsync(router, input, ReflexGates.StableSteps);
        var few = await Assert.ThrowsAsync<ArgumentException>(() => keeper.ProposeReflex(experts[0], Evidence(input, samples: 0)));
        Assert.Contains("gate 3: 49 feedback sample(s)", few.Message);
        Assert.DoesNotContain("gate 2:", few.Message);

        await ScoreAsync(router, input, experts[0], 21, 0.3);
        await GateAsync(router, input, ReflexGates.StableSteps);
        var poor = await Assert.ThrowsAsync<ArgumentException>(() => keeper.ProposeReflex(experts[0], Evidence(input, stable: 0)));
        Assert.Contains("gate 3: feedback averages", poor.Message);
        Assert.Empty((await keeper.GetSnapshot()).Proposals);
    }

    [Fact]
    public async Task Gate_4_refuses_a_region_overlapping_a_scar_of_the_expert()
    {
        var (routerId, experts, input) = await RouterAsync("reflex-g4");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        await HealthyTracesAsync(router, 20);
        await ScoreAsync(router, input, experts[1], 50, 1.0);
        await TestKeepers.FailAsync(Grains, experts[1], 1);
        var slow = TestKeepers.Slow(Grains, routerId);
        // A scar region next to the reflex's: centroids closer than the sum of the radii.
        var near = input.Select((v, i) => i == 0 ? v + 0.05f : v).ToArray();
        var scar = await slow.Propose(IdentityEventKind.Scar, experts[1], TestKeepers.Evidence(near, Radius, failures: 1));
        await slow.Tick(2_000);
        Assert.Equal(CommitOutcome.Committed, (await slow.Commit(scar)).Outcome);
        Assert.Single(await router.GetScars());

        var keeper = TestKeepers.Fast(Grains, routerId);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => keeper.ProposeReflex(experts[1], Evidence(input, stable: 0)));
        Assert.Contains("gate 4: 1 committed scar(s)", refused.Message);
        Assert.Equal(1, (await router.GetReflexStatistics(experts[1], input, Radius)).OverlappingScars);
        Assert.Equal(0, (await router.GetReflexStatistics(experts[0], input, Radius)).OverlappingScars);
    }

    [Fact]
    public async Task Only_the_fast_keeper_takes_reflexes_and_only_through_ProposeReflex()
    {
        var (routerId, experts, input) = await RouterAsync("reflex-kind");
        var slow = TestKeepers.Slow(Grains, routerId);
        var notFast = await Assert.ThrowsAsync<ArgumentException>(() => slow.ProposeReflex(experts[0], Evidence(input)));
        Assert.Contains("fast keeper", notFast.Message);
        var fast = TestKeepers.Fast(Grains, routerId);
        await Assert.ThrowsAsync<ArgumentException>(() => fast.Propose(IdentityEventKind.Reflex, experts[0], TestKeepers.Evidence([.. input])));
        await Assert.ThrowsAsync<ArgumentException>(() => fast.ProposeReflex("nobody", Evidence(input)));
    }
}
