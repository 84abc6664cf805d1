using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>Each node's peer grain lives on the silo of that name, signs with that silo's key, and discovery crosses silos.</summary>
[Collection(FederationClusterCollection.Name)]
public sealed class PeerPlacementTests(FederationClusterFixture fixture)
{
    private FederationTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Each_nodes_peer_grain_lives_on_the_silo_of_that_name_and_signs_with_its_key()
    {
        Assert.Equal(3, Cluster.Nodes.Count);
        var nodeIds = new HashSet<string>();
        foreach (var node in Cluster.Nodes)
        {
            var peer = Cluster.Peer(node);
            var manifest = await peer.GetManifest();

            Assert.Equal(Cluster.AddressOf(node), Cluster.HostOf(peer));
            Assert.Equal(node, manifest.Name);
            using var key = Cluster.Key(node);
            Assert.Equal(key.NodeId, manifest.NodeId);
            Assert.Null(ManifestVerifier.Failure(manifest, Cluster.Now));
            Assert.True(nodeIds.Add(manifest.NodeId), $"{node} shares a node id");
        }
        // Three silos, three activations, three different hosts.
        Assert.Equal(3, Cluster.Nodes.Select(n => Cluster.HostOf(Cluster.Peer(n))).Distinct().Count());
    }

    [Fact]
    public async Task A_peer_grain_for_a_name_no_silo_has_fails_naming_the_node()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Cluster.Peer("no-such-node").GetManifest());
        Assert.Contains("'no-such-node' is not an active silo", error.Message);
        Assert.Null(Cluster.HostOf(Cluster.Peer("no-such-node")));
    }

    [Fact]
    public async Task Discovery_from_one_node_reaches_every_other_node_on_its_own_silo()
    {
        var (a, b, c) = (Cluster.Nodes[0], Cluster.Nodes[1], Cluster.Nodes[2]);
        var table = await Cluster.Peer(a).DiscoverPeers();

        using var keyA = Cluster.Key(a);
        using var keyB = Cluster.Key(b);
        using var keyC = Cluster.Key(c);
        var discovered = table.Where(p => p.Name == b || p.Name == c).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        Assert.Equal([b, c], discovered.Select(p => p.Name));
        Assert.Equal([keyB.NodeId, keyC.NodeId], discovered.Select(p => p.NodeId));
        Assert.DoesNotContain(table, p => p.Name == a);

        // B and C recorded A's manifest: the exchange ran in their grains, on their silos.
        foreach (var (other, host) in new[] { (b, Cluster.AddressOf(b)), (c, Cluster.AddressOf(c)) })
        {
            var theirs = await Cluster.Peer(other).GetPeers();
            var rowOfA = Assert.Single(theirs, p => p.Name == a);
            Assert.Equal(keyA.NodeId, rowOfA.NodeId);
            Assert.Equal(host, Cluster.HostOf(Cluster.Peer(other)));
        }
    }

    [Fact]
    public async Task Nodes_discovering_each_other_at_once_all_complete()
    {
        var tables = await Task.WhenAll(Cluster.Nodes.Select(n => Cluster.Peer(n).DiscoverPeers()));
        for (var i = 0; i < Cluster.Nodes.Count; i++)
            Assert.Equal(Cluster.Nodes.Where(n => n != Cluster.Nodes[i]), tables[i].Select(p => p.Name).Where(Cluster.Nodes.Contains));
    }
}
