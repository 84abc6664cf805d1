using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Moecraft.Client;
using Moecraft.Federation;
using Moecraft.Tests.Federation.Peers;

namespace Moecraft.Tests.Federation.Cli;

/// <summary>A two-node federation cluster on fake time for the client SDK's federation methods (one per test class).</summary>
public sealed class FederationClientFixture : IAsyncLifetime
{
    public FederationTestCluster Cluster { get; private set; } = null!;

    public MoecraftClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        Cluster = await FederationTestCluster.StartAsync(nodes: 2, clock: clock);
        // The SDK over the test cluster's own client, as an app hosting Orleans itself would use it.
        Client = new MoecraftClient(Cluster.Client);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>
/// The client SDK's federation calls (SPEC 8 over SPEC 6): peer tables, discovery, tiers, sync, clocks and resolved
/// keys, with the node defaulting to every active node (tables) or the only one (single-node calls).
/// </summary>
public sealed class FederationClientTests(FederationClientFixture fixture) : IClassFixture<FederationClientFixture>
{
    private FederationTestCluster Cluster => fixture.Cluster;

    private MoecraftClient Client => fixture.Client;

    private string A => Cluster.Nodes[0];

    private string B => Cluster.Nodes[1];

    [Fact]
    public async Task Discover_lists_every_other_node_and_a_tier_change_shows_in_the_table()
    {
        var tables = await Client.DiscoverPeersAsync();
        Assert.Equal(Cluster.Nodes.Order(StringComparer.Ordinal), tables.Select(t => t.Node));
        foreach (var table in tables)
        {
            var other = Assert.Single(table.Peers);
            Assert.Equal(table.Node == A ? B : A, other.Name);
            using var key = Cluster.Key(other.Name);
            Assert.Equal(key.NodeId, other.NodeId);
            using var own = Cluster.Key(table.Node);
            Assert.Equal(own.NodeId, table.NodeId);
        }

        await Client.SetPeerTierAsync(A, B, TrustTier.Sandbox, "operator:alice");
        var onA = Assert.Single(await Client.GetPeersAsync(A));
        Assert.Equal(A, onA.Node);
        Assert.Equal(TrustTier.Sandbox, Assert.Single(onA.Peers).Tier);

        var demoted = await Client.SetPeerTierAsync(A, B, TrustTier.External, "operator:alice");
        Assert.Equal(TrustTier.External, demoted.Tier);
        Assert.Equal(TrustTier.External, Assert.Single(Assert.Single(await Client.GetPeersAsync(A)).Peers).Tier);
    }

    [Fact]
    public async Task A_sync_reports_what_it_stored_and_resolve_shows_the_winner_and_the_conflict()
    {
        await Client.DiscoverPeersAsync();
        await Client.SetPeerTierAsync(A, B, TrustTier.Core, "operator:alice");
        await Client.SetPeerTierAsync(B, A, TrustTier.Core, "operator:alice");
        // Caught up first, so the counts below are this test's packets alone (other tests of the class publish too).
        await Client.SyncFromAsync(B, A);
        var prefix = $"sdk-sync-{Guid.NewGuid():n}-";
        var before = (await Client.GetFederationClockAsync(B)).SingleOrDefault(p => p.Origin == NodeId(A))?.Seq ?? 0;

        var published = await Cluster.Peer(A).PublishBatch(
            [.. Enumerable.Range(1, 3).Select(i => new PacketDraft(PacketKind.Assert, prefix + i, $$"""{"n":{{i}}}""", [], [], ["test"]))]);

        var report = await Client.SyncFromAsync(B, A);
        Assert.Equal(A, report.Peer);
        Assert.Equal((3, 0, 0), (report.Accepted, report.Quarantined, report.Duplicates));
        Assert.Empty(report.Rejected);
        Assert.Equal(published[^1].Seq, Assert.Single(report.Clock, p => p.Origin == NodeId(A)).Seq);
        Assert.Equal(before + 3, published[^1].Seq);
        Assert.Equal(report.Clock.ToArray(), (await Client.GetFederationClockAsync(B)).ToArray());

        // Again: nothing new.
        var again = await Client.SyncFromAsync(B, A);
        Assert.Equal((0, 0), (again.Accepted, again.Rejected.Length));

        var synced = await Client.ResolveKnowledgeAsync(B, prefix + 2);
        Assert.Equal(published[1].Id, synced.Winner?.Id);
        Assert.Empty(synced.Conflicts);

        // B writes the same key later: both are heads; the later one of two CORE origins wins, A's stays visible as the conflict.
        Cluster.Clock!.Advance(TimeSpan.FromSeconds(1));
        var ours = await Cluster.Peer(B).Publish(new PacketDraft(PacketKind.Assert, prefix + 2, """{"n":20}""", [], [], ["test"]));
        var view = await Client.ResolveKnowledgeAsync(B, prefix + 2);
        Assert.Equal(ours.Id, view.Winner?.Id);
        Assert.Equal([ours.Id, published[1].Id], view.Heads.Select(p => p.Id));
        Assert.Equal(published[1].Id, Assert.Single(view.Conflicts).Id);
    }

    [Fact]
    public async Task Sync_from_a_peer_not_rated_core_is_refused_and_stores_nothing()
    {
        await Client.DiscoverPeersAsync();
        await Client.SetPeerTierAsync(B, A, TrustTier.External, "operator:alice");
        var clock = await Client.GetFederationClockAsync(B);
        await Cluster.Peer(A).Publish(new PacketDraft(PacketKind.Assert, $"sdk-refused-{Guid.NewGuid():n}", """{"n":1}""", [], [], ["test"]));

        var refused = await Assert.ThrowsAsync<FederationRefusedException>(() => Client.SyncFromAsync(B, A));
        Assert.Contains("EXTERNAL", refused.Message);
        Assert.Equal(clock.ToArray(), (await Client.GetFederationClockAsync(B)).ToArray());
    }

    [Fact]
    public async Task Single_node_calls_need_a_node_when_there_are_several_and_an_unknown_node_is_refused()
    {
        var several = await Assert.ThrowsAsync<ArgumentException>(() => Client.GetFederationClockAsync());
        Assert.Contains("2 active nodes", several.Message);
        Assert.Contains(A, several.Message);
        Assert.Contains(B, several.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => Client.SetPeerTierAsync(null, B, TrustTier.Core, "operator:alice"));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.ResolveKnowledgeAsync(null, "some-key"));

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => Client.GetPeersAsync("no-such-node"));
        Assert.Contains("'no-such-node' is not an active silo", unknown.Message);
        Assert.Equal(Cluster.Nodes.Order(StringComparer.Ordinal), await Client.GetActiveNodesAsync());

        var noPeer = await Assert.ThrowsAsync<ArgumentException>(() => Client.SetPeerTierAsync(A, "nobody", TrustTier.Core, "operator:alice"));
        Assert.Contains("no peer 'nobody'", noPeer.Message);
    }

    private string NodeId(string node)
    {
        using var key = Cluster.Key(node);
        return key.NodeId;
    }
}
