using Moecraft.Audit;
using Moecraft.Federation;
using Moecraft.Tests.Federation.Peers;

namespace Moecraft.Tests.Federation.Sync;

/// <summary>
/// What a node accepts when a peer sends it packets (SPEC 6): the "send us packets" row of the tier matrix, verification
/// of every packet before anything is stored, idempotent retries, sequence order, dependencies and forks.
/// </summary>
[Collection(FederationClusterCollection.Name)]
public sealed class PacketPushTests(FederationClusterFixture fixture)
{
    private FederationTestCluster Cluster => fixture.Cluster;

    private string NodeA => Cluster.Nodes[0];

    private IFederationPeerGrain A => Cluster.Peer(NodeA);

    private async Task<long> PositionAsync(string origin) => (await A.GetClock()).SingleOrDefault(p => p.Origin == origin)?.Seq ?? 0;

    [Theory]
    [InlineData(TrustTier.External)]
    [InlineData(TrustTier.Unknown)]
    public async Task Packets_from_an_external_or_unknown_peer_are_refused_and_nothing_is_stored(TrustTier tier)
    {
        using var peer = await Outsider.JoinAsync(Cluster, NodeA, (byte)(40 + (int)tier), tier);
        var refused = await Assert.ThrowsAsync<FederationRefusedException>(() => A.Push(peer.Name, peer.Chain(2, "push-refused-", Cluster.Now)));
        Assert.Contains(TierMatrix.Name(tier), refused.Message);
        Assert.Equal(0, await PositionAsync(peer.NodeId));
        Assert.Null((await A.Resolve("push-refused-1")).Winner);
    }

    [Fact]
    public async Task Packets_from_a_core_peer_are_stored_and_served()
    {
        using var peer = await Outsider.JoinAsync(Cluster, NodeA, 43, TrustTier.Core);
        var packets = peer.Chain(3, $"push-core-{peer.NodeId[..6]}-", Cluster.Now);
        var report = await A.Push(peer.Name, packets);

        Assert.Equal((3, 0, 0), (report.Accepted, report.Quarantined, report.Duplicates));
        Assert.Empty(report.Rejected);
        Assert.Equal(3, await PositionAsync(peer.NodeId));
        Assert.Equal(packets[1].Id, (await A.Resolve(packets[1].Key)).Winner?.Id);
    }

    [Fact]
    public async Task Packets_from_a_sandbox_peer_are_stored_but_quarantined_until_an_operator_promotes_it()
    {
        using var peer = await Outsider.JoinAsync(Cluster, NodeA, 44, TrustTier.Sandbox);
        var packets = peer.Chain(2, $"push-sandbox-{peer.NodeId[..6]}-", Cluster.Now);
        var report = await A.Push(peer.Name, packets);

        Assert.Equal((2, 2), (report.Accepted, report.Quarantined));
        Assert.Equal(2, await PositionAsync(peer.NodeId));
        Assert.Null((await A.Resolve(packets[0].Key)).Winner);

        await A.SetTier(peer.Name, TrustTier.Core, "operator:test");
        Assert.Equal(packets[0].Id, (await A.Resolve(packets[0].Key)).Winner?.Id);
        // Demotion takes effect at once.
        await A.SetTier(peer.Name, TrustTier.Sandbox, "operator:test");
        Assert.Null((await A.Resolve(packets[0].Key)).Winner);
    }

    [Fact]
    public async Task Tampered_packets_and_packets_signed_by_another_key_are_rejected_and_nothing_is_stored()
    {
        using var peer = await Outsider.JoinAsync(Cluster, NodeA, 45, TrustTier.Core);
        using var forger = FederationVectors.Outsider(46);
        var genuine = peer.Chain(1, $"push-tamper-{peer.NodeId[..6]}-", Cluster.Now)[0];
        var tampered = genuine with { Content = """{"n":999}""" };
        var rehashed = tampered with { ContentSha256 = PacketCanonical.ContentSha256(tampered.Content) };
        var forged = PacketFactory.Create(Outsider.Draft(genuine.Key, """{"n":1}"""), 1, null, Cluster.Now, forger) with { Origin = peer.NodeId };

        var report = await A.Push(peer.Name, [tampered, rehashed, forged]);

        Assert.Equal(0, report.Accepted);
        Assert.Equal(3, report.Rejected.Length);
        Assert.Contains(report.Rejected, r => r.Contains("content", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(report.Rejected, r => r.Contains("signature", StringComparison.OrdinalIgnoreCase) || r.Contains("id", StringComparison.Ordinal));
        Assert.Equal(0, await PositionAsync(peer.NodeId));
        Assert.Equal(1, (await A.Push(peer.Name, [genuine])).Accepted);
    }

    [Fact]
    public async Task A_replayed_packet_is_stored_once_and_a_retried_batch_is_idempotent()
    {
        using var peer = await Outsider.JoinAsync(Cluster, NodeA, 47, TrustTier.Core);
        var packets = peer.Chain(3, $"push-replay-{peer.NodeId[..6]}-", Cluster.Now);
        Assert.Equal(3, (await A.Push(peer.Name, packets)).Accepted);

        var again = await A.Push(peer.Name, [.. packets, packets[0]]);
        Assert.Equal((0, 4), (again.Accepted, again.Duplicates));
        Assert.Equal(3, await PositionAsync(peer.NodeId));
        var head = (await A.GetClock()).Single(p => p.Origin == peer.NodeId);
        Assert.Equal(packets[2].Id, head.HeadId);
    }

    [Fact]
    public async Task Out_of_order_packets_wait_for_their_predecessors_and_a_batch_is_stored_in_sequence_order()
    {
        using var peer = await Outsider.JoinAsync(Cluster, NodeA, 48, TrustTier.Core);
        var packets = peer.Chain(3, $"push-order-{peer.NodeId[..6]}-", Cluster.Now);

        var early = await A.Push(peer.Name, [packets[2]]);
        Assert.Equal(0, early.Accepted);
        Assert.Contains(early.Rejected, r => r.Contains("arrived before seq 1", StringComparison.Ordinal));
        Assert.Equal(0, await PositionAsync(peer.NodeId));

        var shuffled = await A.Push(peer.Name, [packets[2], packets[0], packets[1]]);
        Assert.Equal(3, shuffled.Accepted);
        Assert.Equal(3, await PositionAsync(peer.NodeId));
    }

    [Fact]
    public async Task A_packet_whose_dependency_cannot_be_fetched_waits_and_is_stored_once_the_dependency_arrives()
    {
        using var peer = await Outsider.JoinAsync(Cluster, NodeA, 49, TrustTier.Core);
        using var other = await Outsider.JoinAsync(Cluster, NodeA, 50, TrustTier.Core);
        var dependency = other.Chain(1, $"push-dep-{other.NodeId[..6]}-", Cluster.Now)[0];
        var dependent = PacketFactory.Create(Outsider.Draft($"push-dep-{peer.NodeId[..6]}", "{}", dependency.Id), 1, null, Cluster.Now, peer.Key);

        // The outsider has no silo to fetch the dependency from: the packet waits, nothing is stored.
        var waiting = await A.Push(peer.Name, [dependent]);
        Assert.Equal(0, waiting.Accepted);
        Assert.Contains(waiting.Rejected, r => r.Contains($"dependency {dependency.Id} is not held yet", StringComparison.Ordinal));
        Assert.Equal(0, await PositionAsync(peer.NodeId));

        Assert.Equal(1, (await A.Push(other.Name, [dependency])).Accepted);
        Assert.Equal(1, (await A.Push(peer.Name, [dependent])).Accepted);
    }

    [Fact]
    public async Task Two_packets_at_one_sequence_mark_the_origin_forked_quarantined_and_audited()
    {
        using var peer = await Outsider.JoinAsync(Cluster, NodeA, 51, TrustTier.Core);
        var key = $"push-fork-{peer.NodeId[..6]}";
        var first = PacketFactory.Create(Outsider.Draft(key, """{"v":1}"""), 1, null, Cluster.Now, peer.Key);
        var second = PacketFactory.Create(Outsider.Draft(key, """{"v":2}"""), 1, null, Cluster.Now, peer.Key);
        Assert.Equal(1, (await A.Push(peer.Name, [first])).Accepted);
        Assert.Equal(first.Id, (await A.Resolve(key)).Winner?.Id);

        var fork = await A.Push(peer.Name, [second]);
        Assert.Equal(0, fork.Accepted);
        Assert.Contains(fork.Rejected, r => r.Contains("forked", StringComparison.Ordinal));
        Assert.Null((await A.Resolve(key)).Winner);
        Assert.True(Assert.Single(await A.GetPeers(), p => p.Name == peer.Name).Forked);

        // Nothing more is taken from a forked origin.
        var next = PacketFactory.Create(Outsider.Draft(key + "-next", "{}"), 2, first.Id, Cluster.Now, peer.Key);
        Assert.Equal(0, (await A.Push(peer.Name, [next])).Accepted);
        Assert.Equal(1, await PositionAsync(peer.NodeId));

        var audit = Cluster.Client.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
        var entries = await audit.Read(1, 1000);
        Assert.Contains(entries, e => e.Kind == "federation.fork" && e.Payload.Contains(peer.NodeId, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TrustTier.Core, true)]
    [InlineData(TrustTier.Sandbox, false)]
    [InlineData(TrustTier.External, false)]
    [InlineData(TrustTier.Unknown, false)]
    public async Task Only_a_core_peer_may_pull_our_packets(TrustTier tier, bool allowed)
    {
        using var peer = await Outsider.JoinAsync(Cluster, NodeA, (byte)(60 + (int)tier), tier);
        await A.Publish(Outsider.Draft($"pull-{tier}-{Guid.NewGuid():n}", "{}"));
        if (allowed)
        {
            var batch = await A.Pull(peer.Name, [], 100);
            Assert.NotEmpty(batch.Packets);
            Assert.All(batch.Packets, p => Assert.Null(PacketVerifier.Failure(p)));
            Assert.NotEmpty(await A.GetPackets(peer.Name, [batch.Packets[0].Id]));
        }
        else
        {
            var refused = await Assert.ThrowsAsync<FederationRefusedException>(() => A.Pull(peer.Name, [], 100));
            Assert.Contains("may not pull", refused.Message);
            await Assert.ThrowsAsync<FederationRefusedException>(() => A.GetPackets(peer.Name, []));
        }
    }
}
