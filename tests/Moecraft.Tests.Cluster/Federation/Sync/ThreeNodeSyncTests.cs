using System.Collections.Immutable;
using Moecraft.Federation;
using Moecraft.Tests.Federation.Peers;

namespace Moecraft.Tests.Federation.Sync;

/// <summary>
/// Sync between three real nodes (SPEC 6): pulls cross silos, packets travel on through a middle node verified by their
/// origin's signature, every node converges on the same heads, winner and conflicts, and a silo killed mid-sync loses
/// nothing acknowledged.
/// </summary>
public sealed class ThreeNodeSyncTests : ThreeNodes
{
    private readonly PullGate _pulls = new();

    protected override void ConfigureSilo(ISiloBuilder silo) => silo.AddIncomingGrainCallFilter(_pulls);

    private async Task FullMeshCoreAsync()
    {
        foreach (var node in Cluster.Nodes)
        foreach (var peer in Cluster.Nodes.Where(p => p != node))
            await RateAsync(node, peer, TrustTier.Core);
    }

    private static ImmutableArray<PacketDraft> Drafts(string prefix, int count, int keys) =>
        [.. Enumerable.Range(0, count).Select(i => Outsider.Draft($"{prefix}{i % keys}", $$"""{"answer":"{{prefix}}{{i}}"}"""))];

    [Fact]
    public async Task Packets_travel_from_A_through_B_to_C_and_every_pull_is_a_call_between_silos()
    {
        await FullMeshCoreAsync();
        var published = await Cluster.Peer(A).PublishBatch(Drafts("relay-", 30, 30));

        var atB = await Cluster.Peer(B).SyncFrom(A);
        Assert.Equal(30, atB.Accepted);
        // C never talks to A: it gets A's packets from B, and checks them against A's signature.
        var atC = await Cluster.Peer(C).SyncFrom(B);
        Assert.Equal(30, atC.Accepted);
        var origin = Cluster.Key(A).NodeId;
        Assert.Equal(30, atC.Clock.Single(p => p.Origin == origin).Seq);
        Assert.Equal(published[^1].Id, atC.Clock.Single(p => p.Origin == origin).HeadId);

        // Each node's peer grain lives on its own silo.
        foreach (var node in Cluster.Nodes)
            Assert.Equal(Cluster.AddressOf(node), Cluster.HostOf(Cluster.Peer(node)));
        Assert.Equal((await Cluster.Peer(A).Resolve("relay-7")).Winner?.Id, (await Cluster.Peer(C).Resolve("relay-7")).Winner?.Id);

        // A second sync finds nothing new.
        var again = await Cluster.Peer(C).SyncFrom(B);
        Assert.Equal(0, again.Accepted);
    }

    [Fact]
    public async Task Pulling_needs_the_server_to_rate_us_core_and_storing_needs_us_to_rate_the_server_core_or_sandbox()
    {
        await Cluster.Peer(A).Publish(Outsider.Draft("matrix-1", "{}"));
        // B rates A CORE, but A rates B only SANDBOX: A serves nobody but CORE peers.
        await RateAsync(B, A, TrustTier.Core);
        await RateAsync(A, B, TrustTier.Sandbox);
        var refused = await Assert.ThrowsAsync<FederationRefusedException>(() => Cluster.Peer(B).SyncFrom(A));
        Assert.Contains("may not pull", refused.Message);

        // A rates B CORE; B now rates A SANDBOX: stored, quarantined, not served onwards.
        await RateAsync(A, B, TrustTier.Core);
        await RateAsync(B, A, TrustTier.Sandbox);
        var quarantined = await Cluster.Peer(B).SyncFrom(A);
        Assert.Equal((1, 1), (quarantined.Accepted, quarantined.Quarantined));
        Assert.Null((await Cluster.Peer(B).Resolve("matrix-1")).Winner);
        await RateAsync(B, C, TrustTier.Core);
        await RateAsync(C, B, TrustTier.Core);
        Assert.Equal(0, (await Cluster.Peer(C).SyncFrom(B)).Accepted);

        // B rating A EXTERNAL refuses A's packets outright.
        await RateAsync(B, A, TrustTier.External);
        await Assert.ThrowsAsync<FederationRefusedException>(() => Cluster.Peer(B).SyncFrom(A));

        // The operator promotes A to CORE on B: what was quarantined is served, and flows on to C.
        await RateAsync(B, A, TrustTier.Core);
        Assert.NotNull((await Cluster.Peer(B).Resolve("matrix-1")).Winner);
        Assert.Equal(1, (await Cluster.Peer(C).SyncFrom(B)).Accepted);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_key_converge_on_the_same_heads_winner_and_conflicts_everywhere()
    {
        await FullMeshCoreAsync();
        foreach (var node in Cluster.Nodes)
            await Cluster.Peer(node).PublishBatch(Drafts("shared-", 20, 5));

        // Two rounds of everyone pulling from everyone, in different orders per node.
        for (var round = 0; round < 2; round++)
            await Task.WhenAll(Cluster.Nodes.Select(async node =>
            {
                foreach (var peer in Cluster.Nodes.Where(p => p != node).OrderBy(p => round == 0 ? p : new string(p.Reverse().ToArray()), StringComparer.Ordinal))
                    await Cluster.Peer(node).SyncFrom(peer);
            }));

        var clocks = await Task.WhenAll(Cluster.Nodes.Select(n => Cluster.Peer(n).GetClock()));
        Assert.All(clocks, clock => Assert.Equal(clocks[0].OrderBy(p => p.Origin).ToArray(), clock.OrderBy(p => p.Origin).ToArray()));
        Assert.Equal(3, clocks[0].Length);
        for (var key = 0; key < 5; key++)
        {
            var views = await Task.WhenAll(Cluster.Nodes.Select(n => Cluster.Peer(n).Resolve($"shared-{key}")));
            Assert.NotNull(views[0].Winner);
            foreach (var view in views)
            {
                Assert.Equal(views[0].Winner!.Id, view.Winner!.Id);
                Assert.Equal(views[0].Heads.Select(h => h.Id).ToArray(), view.Heads.Select(h => h.Id).ToArray());
                Assert.Equal(views[0].Conflicts.Select(h => h.Id).ToArray(), view.Conflicts.Select(h => h.Id).ToArray());
            }
            // Nothing supersedes anything here: every one of the 12 packets of the key is a head.
            Assert.Equal(12, views[0].Heads.Length);
            Assert.Equal(11, views[0].Conflicts.Length);
        }
    }

    [Fact]
    public async Task A_silo_killed_mid_sync_loses_nothing_acknowledged_and_the_sync_converges_when_it_is_back()
    {
        await FullMeshCoreAsync();
        // C publishes 1,000 packets (10 batches of sync); B pulls them, and C's silo is killed once B has stored 3 batches.
        for (var batch = 0; batch < 10; batch++)
            await Cluster.Peer(C).PublishBatch(Drafts($"kill-{batch}-", 100, 100));
        var origin = Cluster.Key(C).NodeId;
        const int stored = 3 * PacketBatch.MaxPackets;
        _pulls.HoldAfter(C, pulls: 3);

        var sync = Cluster.Peer(B).SyncFrom(C);
        // B asked C for the 4th batch while it stored the 3rd, and C holds that pull: kill C now. The sync fails once the
        // 3rd batch is stored, when it goes on to the 4th.
        await _pulls.Holding.WaitAsync(TimeSpan.FromMinutes(2));
        await Cluster.KillAsync(C);
        await Assert.ThrowsAnyAsync<OrleansException>(() => sync);

        // What B acknowledged stays: its feed holds exactly the stored batches, and so does its peer grain's clock after
        // the grain that holds B's knowledge is rebuilt from storage.
        var feed = Cluster.Client.GetGrain<IKnowledgeFeedGrain>(FederationNodes.FeedKey(B, origin));
        Assert.Equal(stored, (await feed.GetPosition()).Seq);
        await Cluster.Cluster.DeactivateAsync(Cluster.Peer(B));
        await Cluster.Cluster.DeactivateAsync(Cluster.Client.GetGrain<IKnowledgeSyncGrain>(B));
        Assert.Equal(stored, (await Cluster.Peer(B).GetClock()).Single(p => p.Origin == origin).Seq);

        await Cluster.RestartAsync(C);
        var resumed = await Cluster.Peer(B).SyncFrom(C);
        Assert.Equal(1_000 - stored, resumed.Accepted);
        Assert.Equal(1_000, resumed.Clock.Single(p => p.Origin == origin).Seq);
        Assert.Equal(
            (await Cluster.Peer(C).GetClock()).Single(p => p.Origin == origin).HeadId,
            resumed.Clock.Single(p => p.Origin == origin).HeadId);
        Assert.Equal((await Cluster.Peer(C).Resolve("kill-9-99")).Winner?.Id, (await Cluster.Peer(B).Resolve("kill-9-99")).Winner?.Id);
    }
}
