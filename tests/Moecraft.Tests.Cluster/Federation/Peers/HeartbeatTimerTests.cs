using Moecraft.Federation;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>The peers' own timer sends heartbeats (nobody calls SendHeartbeats); a node with federation disabled takes no part.</summary>
public sealed class HeartbeatTimerTests
{
    // The test host names silos Silo_0, Silo_1, ...; asserted below so a change of naming fails clearly.
    private const string Disabled = "Silo_2";

    [Fact]
    public async Task The_timer_sends_heartbeats_and_a_disabled_node_takes_no_part()
    {
        await using var cluster = await FederationTestCluster.StartAsync(nodes: 3, heartbeatTimer: true, configure: (name, options) =>
        {
            options.Federation.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            options.Federation.Enabled = name != Disabled;
        });
        Assert.Contains(Disabled, cluster.Nodes);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        // The disabled node refuses the exchange, so A's discovery finds B only.
        var table = await cluster.Peer(a).DiscoverPeers();
        Assert.Equal([b], table.Select(p => p.Name).ToArray());
        var refused = await Assert.ThrowsAsync<FederationRefusedException>(() => cluster.Peer(Disabled).DiscoverPeers());
        Assert.Contains("disabled", refused.Message);
        Assert.Empty(await cluster.Peer(Disabled).GetPeers());

        await cluster.Peer(a).SetTier(b, TrustTier.Core, "operator:test");
        await cluster.Peer(b).SetTier(a, TrustTier.Sandbox, "operator:test");

        foreach (var (node, peer) in new[] { (a, b), (b, a) })
        {
            var row = await Eventually.Succeeds(async () =>
            {
                var info = Assert.Single(await cluster.Peer(node).GetPeers(), p => p.Name == peer);
                return info.Liveness == PeerLiveness.Alive ? info : throw new InvalidOperationException($"{node} sees {peer} as {info.Liveness}");
            }, TimeSpan.FromSeconds(30), $"{node} hearing heartbeats from {peer}");
            Assert.Equal(ClockDigest.Empty, row.ClockDigest);
        }
    }
}
