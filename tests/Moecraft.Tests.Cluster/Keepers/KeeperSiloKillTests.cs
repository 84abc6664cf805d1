using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.Keepers;

/// <summary>Killing the silo that hosts a keeper loses nothing acknowledged (own cluster: the test changes topology).</summary>
public sealed class KeeperSiloKillTests
{
    [Fact]
    public async Task Keeper_state_and_cached_scars_survive_killing_their_silo()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(silos: 3);
        var grains = cluster.Client;
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(grains, "kp-kill");
        var keeper = TestKeepers.Slow(grains, routerId);
        var committedId = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(21));
        await keeper.Tick(10_000);
        await keeper.Commit(committedId);
        var pendingId = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(22));
        await keeper.Tick(10_500);
        var before = await keeper.GetSnapshot();
        var router = grains.GetGrain<IRouterLayerGrain>(routerId);
        var scarsBefore = await router.GetScars();

        var keeperSilo = cluster.HostOf(keeper);
        var routerSilo = cluster.HostOf(router);
        await cluster.Cluster.KillSiloAsync(keeperSilo);
        if (!routerSilo.SiloAddress.Equals(keeperSilo.SiloAddress)) await cluster.Cluster.KillSiloAsync(routerSilo);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        var after = await keeper.GetSnapshot();
        Assert.NotEqual(keeperSilo.SiloAddress, cluster.HostOf(keeper).SiloAddress);
        Assert.Equal(before.Tick, after.Tick);
        Assert.Equal(before.Tokens, after.Tokens);
        Assert.Equal(before.Proposals.ToArray(), after.Proposals.ToArray());
        Assert.Equal(before.Results.ToArray(), after.Results.ToArray());
        Assert.Equal(before.Events.ToArray(), after.Events.ToArray());
        Assert.Equal(scarsBefore.ToArray(), (await router.GetScars()).ToArray());
        Assert.Single(scarsBefore);

        // The pending proposal still waits for its dwell from where it was proposed.
        var early = await Assert.ThrowsAsync<InvalidOperationException>(() => keeper.Commit(pendingId));
        Assert.Contains("in 500 tick(s)", early.Message);
    }
}
