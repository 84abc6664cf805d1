using Moecraft.Experts;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Keepers;

/// <summary>Committed scars on the LLM request path (SPEC 5.3): the scarred expert is not offered inside its region.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ScarRoutingTests(SqliteClusterFixture fixture)
{
    private const string Inside = "translate this legal contract clause about liability into formal german";
    private const string Outside = "what is a good name for a small orange cat that likes to sleep all day";

    // Quality target 0: every expert is acceptable, so the cheapest answers unless it is scarred.
    private static readonly RoutingPolicy Cheapest = new(RoutingPolicyKind.CheapestAcceptable, QualityTarget: 0);

    private IGrainFactory Grains => fixture.Cluster.Client;

    private static AskRequest Ask(string prompt) => new(Guid.NewGuid().ToString("n"), prompt, null, null, Cheapest, 1);

    [Fact]
    public async Task A_committed_scar_changes_routing_for_prompts_inside_its_region_and_not_outside()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "scar-route");
        var (cheap, mid) = (experts[0], experts[1]);
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);
        var vectors = await chat.Embed([Inside, Outside]);
        const double radius = 0.05;
        Assert.True(ScarRegion.CosineDistance(vectors[0], vectors[1]) > radius, "the outside prompt must lie outside the region");
        Assert.Equal(cheap, (await chat.Ask(Ask(Inside))).Answer.ExpertId);

        var keeper = TestKeepers.Slow(Grains, routerId);
        var id = await keeper.Propose(IdentityEventKind.Scar, cheap, TestKeepers.Evidence(vectors[0], radius));
        // Proposed is not committed: routing is unchanged until the dwell passed and the commit re-checked the evidence.
        Assert.Equal(cheap, (await chat.Ask(Ask(Inside))).Answer.ExpertId);
        await keeper.Tick(1_000);
        Assert.Equal(CommitOutcome.Committed, (await keeper.Commit(id)).Outcome);

        var inside = await chat.Ask(Ask(Inside));
        Assert.Equal(mid, inside.Answer.ExpertId);
        Assert.DoesNotContain(cheap, inside.Routing!.Experts);
        Assert.Equal(cheap, (await chat.Ask(Ask(Outside))).Answer.ExpertId);

        var gate = await Grains.GetGrain<IRouterLayerGrain>(routerId).Gate([.. vectors[0]]);
        Assert.DoesNotContain(gate.Predictions, p => p.ExpertId == cheap);
        Assert.Equal(2, gate.Predictions.Length);
        Assert.Equal([cheap], gate.Scarred.ToArray());

        // A request pinned to the scarred expert is refused inside the region, and still served outside it.
        var pinned = new RoutingPolicy(RoutingPolicyKind.Fixed, QualityTarget: 0, FixedExpert: cheap);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => chat.Ask(new AskRequest(Guid.NewGuid().ToString("n"), Inside, null, null, pinned, 1)));
        Assert.Contains($"fixed expert '{cheap}' is scarred", refused.Message);
        Assert.Equal(cheap, (await chat.Ask(new AskRequest(Guid.NewGuid().ToString("n"), Outside, null, null, pinned, 1))).Answer.ExpertId);
    }

    [Fact]
    public async Task A_pinned_request_skips_the_gate_until_a_scar_names_its_expert()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "scar-pin");
        var (cheap, mid) = (experts[0], experts[1]);
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var pinned = new RoutingPolicy(RoutingPolicyKind.Fixed, QualityTarget: 0, FixedExpert: cheap);

        var blind = await router.GatePinned([cheap]);
        Assert.NotNull(blind);
        Assert.Equal(experts.Order(StringComparer.Ordinal), blind.Predictions.Select(p => p.ExpertId).Order(StringComparer.Ordinal));
        Assert.Empty(blind.Decision.Selected);
        var units = (await router.GetSnapshot()).RoutedUnits;
        var answered = await chat.Ask(new AskRequest(Guid.NewGuid().ToString("n"), Inside, null, null, pinned, 1));
        Assert.Equal(cheap, answered.Answer.ExpertId);
        Assert.Empty(answered.Decision.Selected);
        Assert.Equal(units, (await router.GetSnapshot()).RoutedUnits);

        var vectors = await chat.Embed([Inside]);
        var keeper = TestKeepers.Slow(Grains, routerId);
        var id = await keeper.Propose(IdentityEventKind.Scar, cheap, TestKeepers.Evidence(vectors[0], 0.05));
        await keeper.Tick(1_000);
        Assert.Equal(CommitOutcome.Committed, (await keeper.Commit(id)).Outcome);

        // A scar names the expert (in some region): its pinned requests are embedded and gated again, the others are not.
        Assert.Null(await router.GatePinned([cheap]));
        Assert.Null(await router.GatePinned([mid, cheap]));
        Assert.NotNull(await router.GatePinned([mid]));
        var gated = await chat.Ask(new AskRequest(Guid.NewGuid().ToString("n"), Outside, null, null, pinned, 1));
        Assert.Equal(cheap, gated.Answer.ExpertId);
        Assert.NotEmpty(gated.Decision.Selected);
    }

    [Fact]
    public async Task A_prompt_for_which_every_expert_is_scarred_fails_with_a_clear_error()
    {
        // One expert, so top-1: the router's own decision needs as many active slots as k.
        var routerId = TestExperts.UniqueId("scar-all");
        var lone = TestRouters.Expert(routerId + "-lone", 0.1m, 0.4m);
        string[] experts = [lone.Id];
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        await router.Configure(RouterConfiguration.Default with { Width = 2, TopK = 1 });
        await Grains.GetGrain<IExpertGrain>(lone.Id).Register(lone);
        await router.RegisterExpert(lone.Id);
        await TestKeepers.FailAsync(Grains, experts[0], 1);
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);
        var vectors = await chat.Embed([Inside]);
        var keeper = TestKeepers.Slow(Grains, routerId);
        var id = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(vectors[0], failures: 1));
        await keeper.Tick(1_000);
        await keeper.Commit(id);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => chat.Ask(Ask(Inside)));
        Assert.Contains("scarred", refused.Message);
        Assert.Contains(experts[0], refused.Message);
        Assert.Equal(experts[0], (await chat.Ask(Ask(Outside))).Answer.ExpertId);
    }
}
