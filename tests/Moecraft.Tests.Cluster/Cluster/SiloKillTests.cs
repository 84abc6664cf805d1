using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Tests.Cluster;

/// <summary>Killing the silo that hosts a grain loses nothing acknowledged (own cluster: the test changes topology).</summary>
public sealed class SiloKillTests
{
    [Fact]
    public async Task Expert_and_router_state_survive_killing_their_silo()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(silos: 3);
        var client = cluster.Client;

        var expert = client.GetGrain<IExpertGrain>("kill-expert");
        await expert.Register(TestExperts.Simulated("kill-expert"));
        await expert.Invoke(new ExpertRequest("r1", "one"));
        await expert.Invoke(new ExpertRequest("r2", "two"));
        await expert.SetStatus(ExpertStatus.Cooling);
        var expertBefore = await expert.GetSnapshot();

        var router = client.GetGrain<IRouterLayerGrain>("kill-router");
        await router.Configure(TestExperts.SmallRouter(width: 4, topK: 2));
        foreach (var id in new[] { "a", "b", "c" }) await router.RegisterExpert(id);
        await router.DeactivateExpert("a");
        await router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, ExecuteLifecycle: false, LifecycleInterval: 5));
        var traces = new RouterLayer.SyntheticTraces(width: 4, dimension: 8, seed: 9);
        for (var step = 0; step < 10; step++) await router.ObserveTrace(traces.Step([false, true, true, false]));
        var healthAtDecision = await router.GetHealth();
        for (var step = 0; step < 2; step++) await router.ObserveTrace(traces.Step([false, true, true, false]));
        var healthBefore = await router.GetHealth();
        var decisionsBefore = await router.GetProposals();
        var decisionBefore = await router.Route([.. TestExperts.Vector(11)]);
        var routerBefore = await router.GetSnapshot();

        var expertSilo = cluster.HostOf(expert);
        var routerSilo = cluster.HostOf(router);
        await cluster.Cluster.KillSiloAsync(expertSilo);
        if (!routerSilo.SiloAddress.Equals(expertSilo.SiloAddress)) await cluster.Cluster.KillSiloAsync(routerSilo);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        Assert.Equal(expertBefore, await expert.GetSnapshot());
        Assert.NotEqual(expertSilo.SiloAddress, cluster.HostOf(expert).SiloAddress);

        var routerAfter = await router.GetSnapshot();
        Assert.Equal(routerBefore.Slots.ToArray(), routerAfter.Slots.ToArray());
        Assert.Equal(routerBefore.Epoch, routerAfter.Epoch);
        Assert.Equal(routerBefore.Configuration, routerAfter.Configuration);
        RouteDecisions.AssertSame(decisionBefore, await router.Route([.. TestExperts.Vector(11)]));

        // Statistics are written every 100 steps, with each lifecycle decision (every 5 steps here), by a 5 s timer and at
        // deactivation: a kill loses at most the steps since the last write, here the two after the decision at step 10.
        var healthAfter = await router.GetHealth();
        Assert.InRange(healthAfter.Steps, 10, 12);
        var written = healthAfter.Steps == 10 ? healthAtDecision : healthAfter.Steps == 12 ? healthBefore : null;
        if (written is not null)
        {
            Assert.Equal(written.Experts.Select(e => e.Bias), healthAfter.Experts.Select(e => e.Bias));
            Assert.Equal(written.Experts.Select(e => e.PhiLeaveOneOut.Mid), healthAfter.Experts.Select(e => e.PhiLeaveOneOut.Mid));
        }
        Assert.Equal(decisionsBefore.Select(d => (d.Id, d.Status)), (await router.GetProposals()).Select(d => (d.Id, d.Status)));
        Assert.Equal(2, decisionsBefore.Length);
    }
}
