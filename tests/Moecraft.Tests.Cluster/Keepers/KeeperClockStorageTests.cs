using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.Keepers;

/// <summary>
/// The keeper's clock is stored every <see cref="KeeperGrain.TickWriteInterval"/> ticks and on a graceful deactivation:
/// the router's frequent ticks cost no write each, and a stop loses no tick.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class KeeperClockStorageTests(SqliteClusterFixture fixture)
{
    [Fact]
    public async Task Ticks_between_writes_are_stored_when_the_keeper_deactivates()
    {
        var routerId = TestExperts.UniqueId("kp-clock");
        await fixture.Cluster.Client.GetGrain<IRouterLayerGrain>(routerId).Configure(RouterConfiguration.Default);
        var keeper = TestKeepers.Slow(fixture.Cluster.Client, routerId);
        Assert.Equal(150, await keeper.Tick(150));
        Assert.Equal(170, await keeper.Tick(170));

        await fixture.Cluster.Cluster.DeactivateAsync(keeper);

        Assert.Equal(170, (await keeper.GetSnapshot()).Tick);
    }
}
