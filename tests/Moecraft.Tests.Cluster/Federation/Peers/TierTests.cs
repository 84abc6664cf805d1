using Moecraft.Audit;
using Moecraft.Federation;
using Moecraft.Journal;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>SetTier: the operator's promotion and demotion of a peer, audited to the cluster log and journaled.</summary>
[Collection(FederationClusterCollection.Name)]
public sealed class TierTests(FederationClusterFixture fixture)
{
    private FederationTestCluster Cluster => fixture.Cluster;

    private string NodeA => Cluster.Nodes[0];

    private IFederationPeerGrain A => Cluster.Peer(NodeA);

    [Fact]
    public async Task SetTier_promotes_and_demotes_and_audits_every_change()
    {
        using var key = FederationVectors.Outsider(21);
        var name = $"outsider-tier-{Guid.NewGuid():n}";
        await A.ExchangeManifest(Cluster.OutsiderManifest(key, name));

        var promoted = await A.SetTier(name, TrustTier.Core, "operator:alice");
        Assert.Equal(TrustTier.Core, promoted.Tier);
        Assert.Equal(TrustTier.Core, Assert.Single(await A.GetPeers(), p => p.Name == name).Tier);

        var again = await A.SetTier(name, TrustTier.Core, "operator:carol");
        Assert.Equal(TrustTier.Core, again.Tier);

        var demoted = await A.SetTier(name, TrustTier.External, "operator:bob");
        Assert.Equal(TrustTier.External, demoted.Tier);
        Assert.Equal(TrustTier.External, Assert.Single(await A.GetPeers(), p => p.Name == name).Tier);

        // Two changes, two entries (the repeated CORE changed nothing and wrote nothing), with exactly these payloads.
        var entries = (await AuditEntriesAsync()).Where(e => e.Kind == "federation.tier" && e.Payload.Contains(name)).ToArray();
        Assert.Equal(2, entries.Length);
        Assert.Equal("operator:alice", entries[0].Actor);
        Assert.Equal(
            $$"""{"actor":"operator:alice","from":"UNKNOWN","node":"{{NodeA}}","node_id":"{{key.NodeId}}","peer":"{{name}}","to":"CORE"}""",
            entries[0].Payload);
        Assert.Equal("operator:bob", entries[1].Actor);
        Assert.Equal(
            $$"""{"actor":"operator:bob","from":"CORE","node":"{{NodeA}}","node_id":"{{key.NodeId}}","peer":"{{name}}","to":"EXTERNAL"}""",
            entries[1].Payload);

        // And journaled on the node's journal of the day.
        var day = await Cluster.Client.GetGrain<IJournalGrain>(JournalKeys.For(NodeA, TimeProvider.System.GetUtcNow())).Read();
        Assert.Contains(day.Entries, e => e.Kind == JournalKinds.Peer && e.Text.Contains(name) && e.Text.Contains("EXTERNAL") && e.Text.Contains("operator:bob"));
    }

    [Fact]
    public async Task SetTier_of_an_unknown_peer_or_by_a_bad_actor_changes_nothing()
    {
        var sizeBefore = (await Cluster.Client.GetGrain<IAuditLogGrain>(AuditLogs.Cluster).GetHead()).Size;

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => A.SetTier("no-such-peer", TrustTier.Core, "operator:alice"));
        Assert.Contains("no peer 'no-such-peer'", unknown.Message);

        var b = Cluster.Nodes[1];
        var tierBefore = Assert.Single(await A.GetPeers(), p => p.Name == b).Tier;
        await Assert.ThrowsAsync<ArgumentException>(() => A.SetTier(b, tierBefore == TrustTier.Core ? TrustTier.Sandbox : TrustTier.Core, ""));
        await Assert.ThrowsAsync<ArgumentException>(() => A.SetTier(b, (TrustTier)17, "operator:alice"));

        Assert.Equal(tierBefore, Assert.Single(await A.GetPeers(), p => p.Name == b).Tier);
        Assert.Equal(sizeBefore, (await Cluster.Client.GetGrain<IAuditLogGrain>(AuditLogs.Cluster).GetHead()).Size);
    }

    private async Task<List<AuditEntry>> AuditEntriesAsync()
    {
        var log = Cluster.Client.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
        var all = new List<AuditEntry>();
        while (true)
        {
            var batch = await log.Read(all.Count + 1, 1000);
            all.AddRange(batch);
            if (batch.Length < 1000) return all;
        }
    }
}
