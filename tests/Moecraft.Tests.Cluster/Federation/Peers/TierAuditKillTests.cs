using Moecraft.Federation;
using Moecraft.Tests.Audit;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>
/// A tier change that took effect has its audit entry, exactly once, even when the node's silo dies between the state
/// write and the audit append (own cluster: the test kills and restarts a node).
/// </summary>
public sealed class TierAuditKillTests
{
    [Fact]
    public async Task A_tier_change_stored_before_its_node_died_is_audited_once_when_the_node_is_back()
    {
        var faults = new FaultyAuditStore.Switch();
        await using var cluster = await FederationTestCluster.StartAsync(nodes: 2, configureSilo: s => FaultyAuditStore.Install(s, faults));
        var node = cluster.Nodes[1];
        var peer = cluster.Peer(node);
        using var key = FederationVectors.Outsider(23);
        var name = $"outsider-outbox-{Guid.NewGuid():n}";
        await peer.ExchangeManifest(cluster.OutsiderManifest(key, name));
        var mark = $"\"peer\":\"{name}\"";

        faults.Mode = FaultyAuditStore.Mode.FailBeforeAppend;
        Assert.Equal(TrustTier.Core, (await peer.SetTier(name, TrustTier.Core, "operator:alice")).Tier);
        Assert.Empty(await AuditOutboxKillTests.EntriesAsync(cluster.Client, mark));
        await cluster.KillAsync(node);
        faults.Mode = FaultyAuditStore.Mode.None;
        await cluster.RestartAsync(node);

        // Back on its restarted silo, the node's peer holds the tier and sends the entry it stored with it.
        var restored = await Eventually.Succeeds(async () => Assert.Single(await peer.GetPeers(), p => p.Name == name),
            TimeSpan.FromSeconds(30), "the restarted node's peer table");
        Assert.Equal(TrustTier.Core, restored.Tier);
        await Eventually.Succeeds(async () => Assert.Single(await AuditOutboxKillTests.EntriesAsync(cluster.Client, mark)),
            TimeSpan.FromSeconds(60), "the tier change's audit entry");

        await peer.SetTier(name, TrustTier.External, "operator:bob");
        var entries = await AuditOutboxKillTests.EntriesAsync(cluster.Client, mark);
        Assert.Equal(["operator:alice", "operator:bob"], entries.Select(e => e.Actor));
        Assert.All(entries, e => Assert.Equal(TierAudit.Kind, e.Kind));
    }
}
