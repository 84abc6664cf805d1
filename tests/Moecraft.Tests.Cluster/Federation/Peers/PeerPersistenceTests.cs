using Microsoft.Extensions.Time.Testing;
using Moecraft.Federation;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>
/// The peer table is grain state: it survives deactivation, and killing the node's silo. A name-pinned peer comes back
/// only with a silo of that name (own cluster: these tests change its topology).
/// </summary>
public sealed class PeerPersistenceTests
{
    [Fact]
    public async Task Tiers_survive_deactivation_and_killing_the_nodes_silo()
    {
        // On fake time: the restarted node's startup discovery re-signs the very same manifests, so what C read back from
        // storage is comparable below, signature and all.
        await using var cluster = await FederationTestCluster.StartAsync(nodes: 3, clock: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var (a, c) = (cluster.Nodes[0], cluster.Nodes[2]);
        var peerC = cluster.Peer(c);
        await peerC.DiscoverPeers();
        await peerC.SetTier(a, TrustTier.Sandbox, "operator:alice");
        var before = Assert.Single(await peerC.GetPeers(), p => p.Name == a);

        // Deactivated and activated again on the same silo: the table is read back from storage.
        var host = cluster.HostOf(peerC);
        var tableC = cluster.Client.GetGrain<IPeerTableGrain>(c);
        await cluster.Cluster.DeactivateAsync(peerC);
        await cluster.Cluster.DeactivateAsync(tableC);
        Assert.Null(cluster.HostOf(peerC));
        Assert.Null(cluster.HostOf(tableC));
        Assert.Equal(TrustTier.Sandbox, Assert.Single(await peerC.GetPeers(), p => p.Name == a).Tier);
        Assert.Equal(host, cluster.HostOf(peerC));

        // Killed: no other silo may host node C's peer, so calls fail until a silo named C is back.
        await cluster.KillAsync(c);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => peerC.GetPeers());
        Assert.Contains($"'{c}' is not an active silo", error.Message);

        await cluster.RestartAsync(c);
        var after = await Eventually.Succeeds(async () => Assert.Single(await peerC.GetPeers(), p => p.Name == a), TimeSpan.FromSeconds(30), "node C's peer table");
        Assert.Equal(TrustTier.Sandbox, after.Tier);
        Assert.Equal(before.NodeId, after.NodeId);
        Assert.Equal(before.Manifest.Signature, after.Manifest.Signature);
        Assert.Equal(cluster.AddressOf(c), cluster.HostOf(peerC));

        // Same key file, same node id.
        using var key = cluster.Key(c);
        Assert.Equal(key.NodeId, (await peerC.GetManifest()).NodeId);

        // A still knows C, and C still rates A SANDBOX: its heartbeats reach A once A rates it so too.
        await cluster.Peer(a).SetTier(c, TrustTier.Core, "operator:alice");
        Assert.Equal(1, await peerC.SendHeartbeats());
    }
}
