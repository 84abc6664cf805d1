using System.Collections.Immutable;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.Requests;
using Moecraft.Tests.RouterLayer;

namespace Moecraft.Tests.Keepers;

/// <summary>
/// Reflexes without an operator (SPEC 5.3): when the gate's top-1 for a region has passed gates 1-4, the router proposes a
/// reflex to its fast keeper, which commits it itself after its dwell (ticked by the router's gate calls).
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ReflexSentinelTests(SqliteClusterFixture fixture)
{
    private const string Inside = "convert this recipe for sourdough bread from cups to grams";
    private static readonly RoutingPolicy Cheapest = new(RoutingPolicyKind.CheapestAcceptable, QualityTarget: 0);

    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task An_expert_that_earned_a_region_gets_a_reflex_proposed_and_committed_without_an_operator()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "reflex-sentinel");
        var premium = experts[2];
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);
        ImmutableArray<float> inside = [.. (await chat.Embed([Inside]))[0]];
        var keeper = TestKeepers.Fast(Grains, routerId);

        // Gates 2 and 3: coherence on the slow clock, and 50 good scores for the premium expert.
        var traces = new SyntheticTraces(4, 8, seed: 5);
        for (var step = 0; step < 20; step++) await router.ObserveTrace(traces.Step([true, true, true, false]));
        for (var i = 0; i < 50; i++) await router.LearnScore(inside, premium, 1.0);
        Assert.Empty((await keeper.GetSnapshot()).Proposals);

        // Gate 1 builds up with the gate calls; the router proposes once it passes, on a tick.
        var proposal = await Eventually.Succeeds(async () =>
        {
            Assert.Equal(premium, (await router.Gate(inside)).Predictions.MaxBy(p => p.SuccessMean)!.ExpertId);
            return (await keeper.GetSnapshot()).Proposals.Single();
        }, TimeSpan.FromSeconds(30), "the router proposing a reflex");
        Assert.Equal((IdentityEventKind.Reflex, premium, true), (proposal.Kind, proposal.Subject, proposal.CommitWhenDue));
        Assert.True(proposal.Reflex!.StableSteps >= ReflexGates.StableSteps);

        // More gate calls tick the keeper past its dwell: it commits, and the router holds the reflex.
        var reflex = await Eventually.Succeeds(async () =>
        {
            await router.Gate(inside);
            return (await router.GetReflexes()).Single();
        }, TimeSpan.FromSeconds(30), "the keeper committing the reflex");
        Assert.Equal(premium, reflex.ExpertId);
        Assert.Equal(CommitOutcome.Committed, (await keeper.GetSnapshot()).Results.Single().Outcome);
        var answered = await chat.Ask(new AskRequest(UnshadowedRequests.NewId(), Inside, null, null, Cheapest, 1));
        Assert.Equal(premium, answered.Answer.ExpertId);
    }
}
