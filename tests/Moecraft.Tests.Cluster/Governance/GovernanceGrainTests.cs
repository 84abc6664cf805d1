using Moecraft.Experts;
using Moecraft.Governance;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.Governance;

/// <summary>Versioned policies and their enforcement on router rosters, each test on its own governance id.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class GovernanceGrainTests(SqliteClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    private IGovernanceGrain NewGovernance() => Grains.GetGrain<IGovernanceGrain>(TestExperts.UniqueId("gov"));

    [Fact]
    public async Task Every_change_is_a_new_version_with_who_and_when_and_older_versions_stay_readable()
    {
        var governance = NewGovernance();
        var initial = await governance.GetPolicy();
        Assert.Equal(0, initial.Version);
        Assert.Equal(GovernancePolicy.Default, initial.Policy);

        var before = DateTimeOffset.UtcNow;
        var v1 = await governance.SetPolicy(GovernancePolicy.Default with { LifecycleAutonomy = LifecycleAutonomy.ApplyPrune }, "alice");
        var v2 = await governance.SetPolicy(v1.Policy with { MaxExpertsPerRouter = 16, Federation = new FederationRules(["eu1"]) }, "bob", expectedVersion: 1);

        Assert.Equal((1L, "alice"), (v1.Version, v1.ChangedBy));
        Assert.Equal((2L, "bob"), (v2.Version, v2.ChangedBy));
        Assert.InRange(v1.ChangedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(v2, await governance.GetPolicy());
        Assert.Equal(v1, await governance.GetPolicyVersion(1));
        Assert.Equal([0L, 1, 2], (await governance.GetPolicyHistory()).Select(v => v.Version));
        Assert.Equal(LifecycleAutonomy.DryRun, (await governance.GetPolicyVersion(0)).Policy.LifecycleAutonomy);
        await Assert.ThrowsAsync<ArgumentException>(() => governance.GetPolicyVersion(3));

        var events = await governance.GetEvents();
        Assert.Equal([GovernanceEventKind.PolicyChanged, GovernanceEventKind.PolicyChanged], events.Select(e => e.Kind));
        Assert.Contains("max experts per router 4096 -> 16", events[1].Text);
        Assert.Equal("bob", events[1].Actor);
    }

    [Fact]
    public async Task Invalid_policies_stale_versions_and_repeats_change_nothing()
    {
        var governance = NewGovernance();
        var v1 = await governance.SetPolicy(GovernancePolicy.Default with { MaxExpertsPerRouter = 8 }, "alice");

        var invalid = await Assert.ThrowsAsync<ArgumentException>(() => governance.SetPolicy(v1.Policy with { MaxExpertsPerRouter = 0 }, "alice"));
        Assert.Contains("maximum experts per router", invalid.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => governance.SetPolicy(v1.Policy, " "));
        var stale = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            governance.SetPolicy(v1.Policy with { MaxExpertsPerRouter = 9 }, "bob", expectedVersion: 0));
        Assert.Contains("policy version 1, not 0", stale.Message);
        Assert.Equal(v1, await governance.SetPolicy(v1.Policy with { }, "carol"));

        Assert.Equal(v1, await governance.GetPolicy());
        Assert.Single(await governance.GetEvents());
        Assert.Equal(1, (await governance.GetSnapshot()).Revision);
    }

    [Fact]
    public async Task A_router_refuses_experts_beyond_the_policy_maximum()
    {
        var governance = NewGovernance();
        var router = await RouterAsync(governance);
        await governance.SetPolicy(GovernancePolicy.Default with { MaxExpertsPerRouter = 2 }, "ops");

        await router.RegisterExpert("a");
        await router.RegisterExpert("b");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => router.RegisterExpert("c"));

        Assert.Contains("already holds 2 experts", error.Message);
        Assert.Equal(1, await router.RegisterExpert("b"));
        Assert.Equal(["a", "b"], (await router.GetSnapshot()).Slots.Select(s => s.ExpertId));
    }

    [Fact]
    public async Task A_router_refuses_an_expert_whose_backend_is_not_allowed()
    {
        var governance = NewGovernance();
        var router = await RouterAsync(governance);
        var expertId = TestExperts.UniqueId("sim");
        await Grains.GetGrain<IExpertGrain>(expertId).Register(TestExperts.Simulated(expertId));
        await governance.SetPolicy(GovernancePolicy.Default with { AllowedBackends = [BackendKind.Ollama, BackendKind.Replay] }, "ops");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => router.RegisterExpert(expertId));
        Assert.Contains("simulated backend", refused.Message);
        Assert.Contains("allowed: ollama, replay", refused.Message);
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => router.RegisterExpert("never-registered"));
        Assert.Contains("must be registered", unknown.Message);
        Assert.Empty((await router.GetSnapshot()).Slots);

        await governance.SetPolicy(GovernancePolicy.Default with { AllowedBackends = [BackendKind.Simulated] }, "ops");
        Assert.Equal(0, await router.RegisterExpert(expertId));
    }

    private async Task<IRouterLayerGrain> RouterAsync(IGovernanceGrain governance)
    {
        var router = Grains.GetGrain<IRouterLayerGrain>(TestExperts.UniqueId("gov-router"));
        await router.Configure(TestExperts.SmallRouter(width: 4, topK: 1));
        await router.UpdateSettings(RouterSettings.Default with { GovernanceId = governance.GetPrimaryKeyString() });
        return router;
    }
}
