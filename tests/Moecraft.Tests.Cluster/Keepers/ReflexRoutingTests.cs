using System.Collections.Immutable;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Requests;
using Moecraft.Tests.RouterLayer;

namespace Moecraft.Tests.Keepers;

/// <summary>Committed reflexes on the LLM request path (SPEC 5.3): inside its region the expert answers first, without the policy.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ReflexRoutingTests(SqliteClusterFixture fixture)
{
    private const string Inside = "translate this legal contract clause about liability into formal german";
    private const string Outside = "what is a good name for a small orange cat that likes to sleep all day";
    private const double Radius = 0.05;

    // Quality target 0: every expert is acceptable, so the cheapest answers unless a reflex says otherwise.
    private static readonly RoutingPolicy Cheapest = new(RoutingPolicyKind.CheapestAcceptable, QualityTarget: 0);

    private IGrainFactory Grains => fixture.Cluster.Client;

    // Outside the shadow sample: a shadow's trace (in the answers' embedding space) would race the synthetic traces below.
    private static AskRequest Ask(string prompt) => new(UnshadowedRequests.NewId(), prompt, null, null, Cheapest, 1);

    /// <summary>A router whose premium expert holds a committed reflex for the region around <see cref="Inside"/>.</summary>
    private async Task<(string RouterId, string[] Experts, ImmutableArray<float> Inside, ImmutableArray<float> Outside)> RouterWithReflexAsync(string prefix)
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, prefix);
        var premium = experts[2];
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);
        var vectors = await chat.Embed([Inside, Outside]);
        ImmutableArray<float> inside = [.. vectors[0]], outside = [.. vectors[1]];
        Assert.True(ScarRegion.CosineDistance(vectors[0], vectors[1]) > Radius, "the outside prompt must lie outside the region");
        Assert.Equal(experts[0], (await chat.Ask(Ask(Inside))).Answer.ExpertId);

        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var traces = new SyntheticTraces(4, 8, seed: 5);
        for (var step = 0; step < 20; step++) await router.ObserveTrace(traces.Step([true, true, true, false]));
        for (var i = 0; i < 50; i++) await router.LearnScore(inside, premium, 1.0);
        for (var i = 0; i < ReflexGates.StableSteps; i++) Assert.Equal(premium, (await router.Gate(inside)).Predictions.MaxBy(p => p.SuccessMean)!.ExpertId);

        var keeper = TestKeepers.Fast(Grains, routerId);
        await keeper.Tick(20);
        var id = await keeper.ProposeReflex(premium, new ReflexEvidence(inside, Radius, ReflexGates.StableSteps, 50));
        // Proposed is not committed: routing is unchanged until the dwell passed and the commit re-checked the gates.
        Assert.Equal(experts[0], (await chat.Ask(Ask(Inside))).Answer.ExpertId);
        var proposedAt = (await keeper.GetSnapshot()).Proposals.Single().ProposedAt;
        await keeper.Tick(proposedAt + KeeperClocks.Dwell(KeeperClock.Fast));
        Assert.Equal(CommitOutcome.Committed, (await keeper.Commit(id)).Outcome);
        var cached = Assert.Single(await router.GetReflexes());
        Assert.Equal(premium, cached.ExpertId);
        return (routerId, experts, inside, outside);
    }

    [Fact]
    public async Task A_committed_reflex_changes_routing_for_prompts_inside_its_region_and_not_outside()
    {
        var (routerId, experts, inside, outside) = await RouterWithReflexAsync("reflex-route");
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);

        var answered = await chat.Ask(Ask(Inside));
        Assert.Equal(experts[2], answered.Answer.ExpertId);
        Assert.Equal(0, answered.Routing!.Escalations);
        Assert.Equal(RoutingPolicyKind.CheapestAcceptable, answered.Routing.Policy);
        Assert.Equal(experts[0], (await chat.Ask(Ask(Outside))).Answer.ExpertId);

        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        Assert.Equal(experts[2], (await router.Gate(inside)).Reflex);
        Assert.Null((await router.Gate(outside)).Reflex);

        // A pinned request keeps its expert: a reflex does not override a fixed policy.
        var pinned = new RoutingPolicy(RoutingPolicyKind.Fixed, QualityTarget: 0, FixedExpert: experts[1]);
        Assert.Equal(experts[1], (await chat.Ask(new AskRequest(Guid.NewGuid().ToString("n"), Inside, null, null, pinned, 1))).Answer.ExpertId);
    }

    [Fact]
    public async Task A_reflex_is_not_applied_where_a_scar_of_its_expert_overlaps()
    {
        var (routerId, experts, inside, _) = await RouterWithReflexAsync("reflex-scar");
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);
        Assert.Equal(experts[2], (await chat.Ask(Ask(Inside))).Answer.ExpertId);

        await TestKeepers.FailAsync(Grains, experts[2], 1);
        var slow = TestKeepers.Slow(Grains, routerId);
        var scar = await slow.Propose(IdentityEventKind.Scar, experts[2], TestKeepers.Evidence([.. inside], Radius, failures: 1));
        await slow.Tick(2_000);
        Assert.Equal(CommitOutcome.Committed, (await slow.Commit(scar)).Outcome);

        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var gate = await router.Gate(inside);
        Assert.Null(gate.Reflex);
        Assert.Equal([experts[2]], gate.Scarred.ToArray());
        var answered = await chat.Ask(Ask(Inside));
        Assert.Equal(experts[0], answered.Answer.ExpertId);
        Assert.DoesNotContain(experts[2], answered.Routing!.Experts);
        // The reflex itself stands (append-only); the scar masks it.
        Assert.Single(await router.GetReflexes());
    }
}
