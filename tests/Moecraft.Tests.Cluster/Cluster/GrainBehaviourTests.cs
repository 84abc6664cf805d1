using System.Collections.Immutable;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Tests.Cluster;

/// <summary>Expert, router and request-path grains in a three-silo cluster with SQLite storage.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class GrainBehaviourTests(SqliteClusterFixture fixture)
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Expert_registers_answers_and_counts()
    {
        var id = TestExperts.UniqueId("exp");
        var expert = Client.GetGrain<IExpertGrain>(id);

        var registered = await expert.Register(TestExperts.Simulated(id));
        var answer = await expert.Invoke(new ExpertRequest("r1", "Explain top-k routing"));
        var snapshot = await expert.GetSnapshot();

        Assert.Equal(ExpertStatus.Active, registered.Status);
        Assert.True(answer.Simulated);
        Assert.StartsWith("[simulated sim-test]", answer.Text);
        Assert.Equal(1, snapshot.Counters.Invocations);
        Assert.Equal(answer.InputTokens, snapshot.Counters.InputTokens);
        Assert.Equal(answer.OutputTokens, snapshot.Counters.OutputTokens);
        Assert.Equal(new ExpertPricing(1m, 2m).CostOf(answer.InputTokens, answer.OutputTokens), snapshot.Counters.Cost);
    }

    [Fact]
    public async Task Bad_expert_input_is_rejected_and_changes_nothing()
    {
        var id = TestExperts.UniqueId("exp");
        var expert = Client.GetGrain<IExpertGrain>(id);

        await Assert.ThrowsAsync<InvalidOperationException>(() => expert.GetSnapshot());
        await Assert.ThrowsAsync<ArgumentException>(() => expert.Register(TestExperts.Simulated("another-id")));
        await Assert.ThrowsAsync<ArgumentException>(() => expert.Register(TestExperts.Simulated(id) with { Model = "" }));
        await Assert.ThrowsAsync<ArgumentException>(() => expert.Register(TestExperts.Simulated(id, failureRate: 2)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => expert.GetSnapshot());

        await expert.Register(TestExperts.Simulated(id));
        await Assert.ThrowsAsync<ArgumentException>(() => expert.Invoke(new ExpertRequest("r1", " ")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => expert.SetStatus(ExpertStatus.Archived));
        var snapshot = await expert.GetSnapshot();
        Assert.Equal(ExpertStatus.Active, snapshot.Status);
        Assert.Equal(ExpertCounters.Zero, snapshot.Counters);
    }

    [Fact]
    public async Task Lifecycle_active_cooling_archived_and_restore()
    {
        var id = TestExperts.UniqueId("exp");
        var expert = Client.GetGrain<IExpertGrain>(id);
        await expert.Register(TestExperts.Simulated(id));

        Assert.Equal(ExpertStatus.Cooling, (await expert.SetStatus(ExpertStatus.Cooling)).Status);
        Assert.NotNull(await expert.Invoke(new ExpertRequest("r1", "cooling experts are still observed")));
        Assert.Equal(ExpertStatus.Archived, (await expert.SetStatus(ExpertStatus.Archived)).Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => expert.Invoke(new ExpertRequest("r2", "archived experts take no work")));
        Assert.Equal(ExpertStatus.Active, (await expert.SetStatus(ExpertStatus.Active)).Status);
        Assert.Equal(1, (await expert.GetSnapshot()).Counters.Invocations);
    }

    [Fact]
    public async Task Failed_backend_calls_are_counted_and_reported_as_failures()
    {
        var id = TestExperts.UniqueId("exp");
        var expert = Client.GetGrain<IExpertGrain>(id);
        await expert.Register(TestExperts.Simulated(id, failureRate: 1));

        var error = await Assert.ThrowsAsync<ExpertCallFailedException>(() => expert.Invoke(new ExpertRequest("r1", "hello")));

        Assert.Equal(id, error.ExpertId);
        var counters = (await expert.GetSnapshot()).Counters;
        Assert.Equal(1, counters.Failures);
        Assert.Equal(0, counters.OutputTokens);
    }

    [Fact]
    public async Task Router_routes_top_k_over_the_active_mask()
    {
        var routerId = TestExperts.UniqueId("router");
        var router = Client.GetGrain<IRouterLayerGrain>(routerId);
        await router.Configure(TestExperts.SmallRouter(width: 4, topK: 2));
        Assert.Equal(0, await router.RegisterExpert("a"));
        Assert.Equal(1, await router.RegisterExpert("b"));
        Assert.Equal(2, await router.RegisterExpert("c"));
        Assert.Equal(1, await router.RegisterExpert("b"));
        await router.DeactivateExpert("b");

        for (var seed = 0; seed < 20; seed++)
        {
            var decision = await router.Route([.. TestExperts.Vector(seed)]);
            Assert.Equal(2, decision.Selected.Length);
            Assert.DoesNotContain(decision.Selected, s => s.ExpertId == "b");
            Assert.Equal(1.0, decision.Selected.Sum(s => s.Gate), 1e-9);
            Assert.True(decision.Selected[0].Logit >= decision.Selected[1].Logit);
        }

        var snapshot = await router.GetSnapshot();
        Assert.Equal(4, snapshot.Epoch);
        Assert.Equal(20, snapshot.RoutedUnits);
        Assert.Equal(["a", "b", "c"], snapshot.Slots.Select(s => s.ExpertId));
        Assert.Equal([true, false, true], snapshot.Slots.Select(s => s.Active));
    }

    [Fact]
    public async Task Bad_router_input_is_rejected_and_changes_nothing()
    {
        var routerId = TestExperts.UniqueId("router");
        var router = Client.GetGrain<IRouterLayerGrain>(routerId);
        await Assert.ThrowsAsync<ArgumentException>(() => router.Configure(TestExperts.SmallRouter() with { TopK = 9 }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => router.GetSnapshot());

        await router.Configure(TestExperts.SmallRouter(width: 2, topK: 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => router.Configure(TestExperts.SmallRouter(width: 3, topK: 1)));
        await router.RegisterExpert("a");
        await router.RegisterExpert("b");
        await Assert.ThrowsAsync<InvalidOperationException>(() => router.RegisterExpert("c"));
        await Assert.ThrowsAsync<ArgumentException>(() => router.Route([1f, 2f]));
        var withNaN = TestExperts.Vector(1);
        withNaN[7] = float.NaN;
        await Assert.ThrowsAsync<ArgumentException>(() => router.Route([.. withNaN]));
        await Assert.ThrowsAsync<ArgumentException>(() => router.DeactivateExpert("unknown"));

        var snapshot = await router.GetSnapshot();
        Assert.Equal(2, snapshot.Epoch);
        Assert.Equal(0, snapshot.RoutedUnits);
        Assert.Equal(2, snapshot.ActiveCount);
    }

    [Fact]
    public async Task Ask_routes_a_prompt_and_fails_over_to_the_next_selected_expert()
    {
        var routerId = TestExperts.UniqueId("router");
        var broken = TestExperts.UniqueId("broken");
        var healthy = TestExperts.UniqueId("healthy");
        // The broken expert is the cheaper one and every expert is acceptable (target 0): it is called first.
        await Client.GetGrain<IExpertGrain>(broken).Register(TestExperts.Simulated(broken, failureRate: 1) with { Pricing = new ExpertPricing(0.5m, 1m) });
        await Client.GetGrain<IExpertGrain>(healthy).Register(TestExperts.Simulated(healthy));
        var router = Client.GetGrain<IRouterLayerGrain>(routerId);
        await router.Configure(TestExperts.SmallRouter(width: 2, topK: 2));
        await router.RegisterExpert(broken);
        await router.RegisterExpert(healthy);

        var cheapestFirst = new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, QualityTarget: 0);
        var result = await Client.GetGrain<IChatRouterGrain>(routerId).Ask(new AskRequest("req-1", "Summarise the routing decision", Policy: cheapestFirst));

        Assert.Equal(healthy, result.Answer.ExpertId);
        Assert.Equal(routerId, result.Decision.RouterId);
        Assert.Equal(2, result.Decision.Selected.Length);
        Assert.Equal(1, (await Client.GetGrain<IExpertGrain>(broken).GetSnapshot()).Counters.Failures);
    }

    [Fact]
    public async Task Ask_rejects_empty_and_oversized_prompts()
    {
        var chat = Client.GetGrain<IChatRouterGrain>(TestExperts.UniqueId("router"));

        await Assert.ThrowsAsync<ArgumentException>(() => chat.Ask(new AskRequest("r", "")));
        await Assert.ThrowsAsync<ArgumentException>(() => chat.Ask(new AskRequest("r", new string('x', 100_001))));
    }

    [Fact]
    public async Task Deactivation_and_reactivation_round_trip_the_state()
    {
        var expertId = TestExperts.UniqueId("exp");
        var expert = Client.GetGrain<IExpertGrain>(expertId);
        await expert.Register(TestExperts.Simulated(expertId));
        await expert.Invoke(new ExpertRequest("r1", "first"));
        await expert.SetStatus(ExpertStatus.Cooling);

        var routerId = TestExperts.UniqueId("router");
        var router = Client.GetGrain<IRouterLayerGrain>(routerId);
        await router.Configure(TestExperts.SmallRouter());
        await router.RegisterExpert("x");
        await router.RegisterExpert("y");
        var before = await router.Route([.. TestExperts.Vector(3)]);
        var expertBefore = await expert.GetSnapshot();
        var routerBefore = await router.GetSnapshot();

        await fixture.Cluster.Cluster.DeactivateAsync(expert);
        await fixture.Cluster.Cluster.DeactivateAsync(router);

        Assert.Equal(expertBefore, await expert.GetSnapshot());
        var routerAfter = await router.GetSnapshot();
        Assert.Equal(routerBefore.Slots.ToArray(), routerAfter.Slots.ToArray());
        Assert.Equal(routerBefore.Epoch, routerAfter.Epoch);
        Assert.Equal(1, routerAfter.RoutedUnits);
        RouteDecisions.AssertSame(before, await router.Route([.. TestExperts.Vector(3)]));
    }
}
