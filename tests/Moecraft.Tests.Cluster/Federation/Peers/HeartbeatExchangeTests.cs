using Moecraft.Audit;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>
/// Heartbeats between live nodes: accepted only from peers the receiver rates CORE or SANDBOX, checked for key and
/// replay, carrying the clock digest and the cluster log's checkpoint; liveness follows them on the fake clock.
/// </summary>
[Collection(FederationClusterCollection.Name)]
public sealed class HeartbeatExchangeTests(FederationClusterFixture fixture)
{
    private FederationTestCluster Cluster => fixture.Cluster;

    private string NodeA => Cluster.Nodes[0];

    private string NodeB => Cluster.Nodes[1];

    private IFederationPeerGrain A => Cluster.Peer(NodeA);

    private IFederationPeerGrain B => Cluster.Peer(NodeB);

    private async Task<PeerInfo> RowOfB() => Assert.Single(await A.GetPeers(), p => p.Name == NodeB);

    public static TheoryData<TrustTier, bool> EveryTier => new()
    {
        { TrustTier.Core, true },
        { TrustTier.Sandbox, true },
        { TrustTier.External, false },
        { TrustTier.Unknown, false },
    };

    [Theory]
    [MemberData(nameof(EveryTier))]
    public async Task Heartbeats_are_accepted_only_from_core_and_sandbox_peers(TrustTier tierOfSender, bool allowed)
    {
        await B.SetTier(NodeA, TrustTier.Core, "operator:test"); // so B sends to A...
        await B.SetTier(Cluster.Nodes[2], TrustTier.Unknown, "operator:test"); // ...and only to A
        await A.SetTier(NodeB, tierOfSender, "operator:test");
        Cluster.Clock!.Advance(TimeSpan.FromSeconds(1));
        var before = await RowOfB();

        // Through B's own grain: the count says whether A took it.
        Assert.Equal(allowed ? 1 : 0, await B.SendHeartbeats());

        // And sent directly, signed with B's key: refused with the tier named, or accepted.
        Cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        using var keyB = Cluster.Key(NodeB);
        var heartbeat = HeartbeatFactory.Create(keyB, NodeB, ClockDigest.Empty, null, Cluster.Now);
        if (allowed)
        {
            await A.Heartbeat(heartbeat);
            var row = await RowOfB();
            Assert.Equal(Cluster.Now, row.LastHeartbeat);
            Assert.Equal(PeerLiveness.Alive, row.Liveness);
            Assert.Equal(ClockDigest.Empty, row.ClockDigest);
        }
        else
        {
            var error = await Assert.ThrowsAsync<FederationRefusedException>(() => A.Heartbeat(heartbeat));
            Assert.Contains($"rates it {TierMatrix.Name(tierOfSender)}", error.Message);
            var row = await RowOfB();
            Assert.Equal(before.LastHeartbeat, row.LastHeartbeat);
            Assert.Equal(before.ClockDigest, row.ClockDigest);
        }
    }

    [Fact]
    public async Task Heartbeats_from_strangers_the_wrong_key_tampered_or_replayed_are_refused()
    {
        await A.SetTier(NodeB, TrustTier.Core, "operator:test");
        using var keyB = Cluster.Key(NodeB);
        using var stranger = FederationVectors.Outsider(31);

        Cluster.Clock!.Advance(TimeSpan.FromSeconds(1));
        var unknown = await Assert.ThrowsAsync<FederationRefusedException>(
            () => A.Heartbeat(HeartbeatFactory.Create(stranger, "outsider-stranger", ClockDigest.Empty, null, Cluster.Now)));
        Assert.Contains("not a peer", unknown.Message);

        var wrongKey = await Assert.ThrowsAsync<FederationRefusedException>(
            () => A.Heartbeat(HeartbeatFactory.Create(stranger, NodeB, ClockDigest.Empty, null, Cluster.Now)));
        Assert.Contains("wrong key", wrongKey.Message);

        var genuine = HeartbeatFactory.Create(keyB, NodeB, ClockDigest.Empty, null, Cluster.Now);
        var tampered = await Assert.ThrowsAsync<FederationRefusedException>(() => A.Heartbeat(genuine with { ClockDigest = new string('1', 64) }));
        Assert.Contains("bad signature", tampered.Message);

        await A.Heartbeat(genuine);
        var accepted = await RowOfB();
        Assert.Equal(Cluster.Now, accepted.LastHeartbeat);

        // The same heartbeat again changes nothing; an older one is refused.
        Cluster.Clock.Advance(TimeSpan.FromSeconds(2));
        await A.Heartbeat(genuine);
        Assert.Equal(accepted.LastHeartbeat, (await RowOfB()).LastHeartbeat);
        var older = HeartbeatFactory.Create(keyB, NodeB, ClockDigest.Empty, null, genuine.SentAt - 1);
        var replay = await Assert.ThrowsAsync<FederationRefusedException>(() => A.Heartbeat(older));
        Assert.Contains("replay", replay.Message);
        Assert.Equal(accepted.LastHeartbeat, (await RowOfB()).LastHeartbeat);

        // Stale (more than five minutes old by the receiver's clock).
        Cluster.Clock.Advance(TimeSpan.FromMinutes(6));
        var stale = await Assert.ThrowsAsync<FederationRefusedException>(
            () => A.Heartbeat(HeartbeatFactory.Create(keyB, NodeB, ClockDigest.Empty, null, Cluster.Now - 301_000)));
        Assert.Contains("stale", stale.Message);
    }

    [Fact]
    public async Task A_heartbeat_carries_the_clock_digest_and_the_latest_cluster_checkpoint()
    {
        await B.SetTier(NodeA, TrustTier.Sandbox, "operator:test");
        await A.SetTier(NodeB, TrustTier.Sandbox, "operator:test");
        var log = Cluster.Client.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
        var checkpoint = await log.Checkpoint();
        Assert.True(checkpoint.Size > 0);
        Cluster.Clock!.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await B.SendHeartbeats() >= 1);

        var row = await RowOfB();
        Assert.Equal(ClockDigest.Empty, row.ClockDigest);
        Assert.Equal((await log.GetCheckpoints())[^1], row.Checkpoint);
        Assert.Null(HeartbeatVerifier.CheckpointFailure(row.Checkpoint));
    }

    [Fact]
    public async Task Peers_sending_heartbeats_to_each_other_at_once_do_not_wait_on_each_other()
    {
        foreach (var (from, to) in new[] { (NodeA, NodeB), (NodeB, NodeA) })
            await Cluster.Peer(from).SetTier(to, TrustTier.Core, "operator:test");
        Cluster.Clock!.Advance(TimeSpan.FromSeconds(1));

        // Without interleaving, each grain's turn would wait on the other's Heartbeat until the call timed out (0 accepted).
        var sent = await Task.WhenAll(A.SendHeartbeats(), B.SendHeartbeats());
        Assert.All(sent, count => Assert.True(count >= 1));
        Assert.Equal(Cluster.Now, (await RowOfB()).LastHeartbeat);
        Assert.Equal(Cluster.Now, Assert.Single(await B.GetPeers(), p => p.Name == NodeA).LastHeartbeat);
    }

    [Fact]
    public async Task Liveness_goes_from_alive_to_suspect_to_dead_as_heartbeats_stop()
    {
        await B.SetTier(NodeA, TrustTier.Core, "operator:test");
        await A.SetTier(NodeB, TrustTier.Core, "operator:test");
        Cluster.Clock!.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await B.SendHeartbeats() >= 1);
        Assert.Equal(PeerLiveness.Alive, (await RowOfB()).Liveness);

        // Default interval 10 s: suspect after 3 intervals, dead after 10.
        Cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(PeerLiveness.Alive, (await RowOfB()).Liveness);
        Cluster.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(PeerLiveness.Suspect, (await RowOfB()).Liveness);
        Cluster.Clock.Advance(TimeSpan.FromSeconds(70));
        Assert.Equal(PeerLiveness.Dead, (await RowOfB()).Liveness);

        Assert.True(await B.SendHeartbeats() >= 1);
        Assert.Equal(PeerLiveness.Alive, (await RowOfB()).Liveness);
    }

    [Fact]
    public async Task A_peer_that_never_sent_a_heartbeat_is_unseen()
    {
        using var key = FederationVectors.Outsider(32);
        var name = $"outsider-unseen-{Guid.NewGuid():n}";
        await A.ExchangeManifest(Cluster.OutsiderManifest(key, name));
        Assert.Equal(PeerLiveness.Unseen, Assert.Single(await A.GetPeers(), p => p.Name == name).Liveness);
    }
}
