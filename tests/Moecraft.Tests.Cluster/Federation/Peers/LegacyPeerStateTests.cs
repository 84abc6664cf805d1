using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moecraft.Audit;
using Moecraft.Federation;
using Moecraft.Tests.Audit;
using Moecraft.Tests.Infrastructure;
using Orleans.Storage;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>
/// A node that stored its federation state before the peer grain was split (one <see cref="FederationPeerState"/> under
/// grain <c>federation-peer</c>) keeps it: the peer table and the knowledge sync grain each take their part on their
/// first activation, and their own state decides from their first write on (own cluster: it writes a node's storage).
/// </summary>
public sealed class LegacyPeerStateTests
{
    [Fact]
    public async Task Peers_tiers_feeds_and_a_waiting_audit_entry_stored_before_the_split_are_read_after_it()
    {
        await using var cluster = await FederationTestCluster.StartAsync(nodes: 1, clock: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var node = cluster.Nodes[0];
        using var b = FederationVectors.Outsider(41);
        using var c = FederationVectors.Outsider(42);
        var (nameB, nameC) = ($"legacy-b-{Guid.NewGuid():n}"[..20], $"legacy-c-{Guid.NewGuid():n}"[..20]);
        var now = cluster.Now;

        // What the node held before: B's packets, received from B, in B's feed on this node...
        var packets = new List<KnowledgePacket>();
        for (var seq = 1; seq <= 3; seq++)
            packets.Add(PacketFactory.Create(new PacketDraft(PacketKind.Assert, $"legacy:{seq}", "{}", [], [], []), seq, packets.LastOrDefault()?.Id, now, b));
        await cluster.Client.GetGrain<IKnowledgeFeedGrain>(FederationNodes.FeedKey(node, b.NodeId)).Append([.. packets], nameB, now);
        // ...and the peer grain's state: B rated CORE, C a SANDBOX node of another cluster, B's feed, and B's promotion not yet audited.
        var promotion = new AuditRecord(TierAudit.Kind, "operator:legacy", TierAudit.Payload(node, nameB, b.NodeId, TrustTier.Unknown, TrustTier.Core, "operator:legacy"));
        var legacy = new FederationPeerState
        {
            Peers =
            [
                new PeerRecord(nameB, b.NodeId, TrustTier.Core, cluster.OutsiderManifest(b, nameB), now, null, null, false),
                new PeerRecord(nameC, c.NodeId, TrustTier.Sandbox, cluster.OutsiderManifest(c, nameC), now, null, null, false, Address: "https://c.example/", Remote: true),
            ],
            Feeds = [b.NodeId],
            Audit = AuditOutboxState.Empty.With(promotion),
        };
        var storage = cluster.Silo(node).ServiceProvider.GetRequiredKeyedService<IGrainStorage>(MoecraftStorage.Name);
        await storage.WriteStateAsync(LegacyPeerState.Name, GrainId.Create(LegacyPeerState.Name, node), new GrainState<FederationPeerState>(legacy));
        // The silo's startup discovery may have started the new grains before the old state was there: start them afresh.
        var table = cluster.Client.GetGrain<IPeerTableGrain>(node);
        var knowledge = cluster.Client.GetGrain<IKnowledgeSyncGrain>(node);
        await cluster.Cluster.DeactivateAsync(table);
        await cluster.Cluster.DeactivateAsync(knowledge);

        var peer = cluster.Peer(node);
        Assert.Equal(
            [(nameB, TrustTier.Core, false, (string?)null), (nameC, TrustTier.Sandbox, true, "https://c.example/")],
            (await peer.GetPeers()).Select(p => (p.Name, p.Tier, p.Remote, p.Address)).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray());
        Assert.Equal([new FeedPosition(b.NodeId, 3, packets[2].Id)], (await peer.GetClock()).ToArray());
        // Received from a peer rated CORE: served.
        Assert.Equal(packets[1].Id, (await peer.Resolve("legacy:2")).Winner?.Id);
        var entry = await Eventually.Succeeds(async () => Assert.Single(await AuditOutboxKillTests.EntriesAsync(cluster.Client, $"\"peer\":\"{nameB}\"")),
            TimeSpan.FromSeconds(60), "the promotion's audit entry");
        Assert.Equal(("operator:legacy", promotion.Payload), (entry.Actor, entry.Payload));

        // From the first change on, each grain's own state decides; the old record is left as it was.
        await peer.SetTier(nameC, TrustTier.External, "operator:test");
        var own = await peer.Publish(new PacketDraft(PacketKind.Assert, "legacy:own", "{}", [], [], []));
        await cluster.Cluster.DeactivateAsync(table);
        await cluster.Cluster.DeactivateAsync(knowledge);
        Assert.Equal(TrustTier.External, Assert.Single(await peer.GetPeers(), p => p.Name == nameC).Tier);
        Assert.Equal([b.NodeId, own.Origin], (await peer.GetClock()).Select(p => p.Origin).OrderBy(o => o == b.NodeId ? 0 : 1).ToArray());
        var old = await LegacyPeerState.ReadAsync(storage, node);
        Assert.Equal(TrustTier.Sandbox, Assert.Single(old!.Peers, p => p.Name == nameC).Tier);
        Assert.Equal([b.NodeId], old.Feeds);
        Assert.Single(await AuditOutboxKillTests.EntriesAsync(cluster.Client, $"\"peer\":\"{nameB}\""));
    }
}
