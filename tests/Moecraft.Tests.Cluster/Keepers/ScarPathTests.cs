using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Requests;
using Moecraft.Tests.Tenants;

namespace Moecraft.Tests.Keepers;

/// <summary>Scars on the other ways in (SPEC 5.3): the neural <c>Route</c>/<c>RouteBatch</c> path, and answers cached before the scar.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ScarPathTests(SqliteClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task Route_and_RouteBatch_never_select_an_expert_scarred_for_the_input()
    {
        var (routerId, _) = await TestRouters.CreateAsync(Grains, "scar-neural");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var inside = TestExperts.Vector(41);
        var outside = TestExperts.Vector(42);
        var chosen = (await router.Route([.. inside])).Selected[0].ExpertId;
        var outsideBefore = (await router.Route([.. outside])).Selected.Select(s => s.ExpertId).ToArray();

        await router.ApplyScars(1, [new RegionClaim(1, chosen, [.. inside], 0.05)]);

        var decision = await router.Route([.. inside]);
        Assert.DoesNotContain(chosen, decision.Selected.Select(s => s.ExpertId));
        Assert.Equal(2, decision.Selected.Length);
        Assert.Equal(1.0, decision.Selected.Sum(s => s.Gate), 6);
        // Outside the region the same expert is chosen as before.
        Assert.Equal(outsideBefore, (await router.Route([.. outside])).Selected.Select(s => s.ExpertId).ToArray());
        var batch = await router.RouteBatch([.. inside, .. outside]);
        Assert.DoesNotContain(chosen, batch.Decisions[0].Selected.Select(s => s.ExpertId));
        Assert.Equal(outsideBefore, batch.Decisions[1].Selected.Select(s => s.ExpertId).ToArray());
    }

    [Fact]
    public async Task A_cached_answer_from_an_expert_scarred_since_is_not_served()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "scar-cache");
        var tenant = TestTenants.UniqueId();
        await Grains.GetGrain<ITenantGrain>(tenant).Configure(TestTenants.Settings());
        var chat = Grains.GetGrain<IChatRouterGrain>(routerId);
        const string prompt = "draft a polite reminder about an unpaid invoice";
        var cheapest = new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, QualityTarget: 0);
        AskRequest Ask() => new(Guid.NewGuid().ToString("n"), prompt, null, tenant, cheapest, 1);

        var first = await chat.Ask(Ask());
        Assert.Equal(experts[0], first.Answer.ExpertId);
        Assert.True((await chat.Ask(Ask())).Routing!.CacheHit);

        var embedding = (await chat.Embed([prompt]))[0];
        await Grains.GetGrain<IRouterLayerGrain>(routerId).ApplyScars(1, [new RegionClaim(1, experts[0], [.. embedding], 0.05)]);

        var after = await chat.Ask(Ask());
        Assert.False(after.Routing!.CacheHit);
        Assert.NotEqual(experts[0], after.Answer.ExpertId);
    }
}
