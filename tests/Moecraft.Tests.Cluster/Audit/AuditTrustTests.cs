using Microsoft.Data.Sqlite;
using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Client;
using Moecraft.Federation;
using Moecraft.Hosting.Configuration;
using Moecraft.Tests.Federation.Peers;

namespace Moecraft.Tests.Audit;

/// <summary>
/// The cluster log on three nodes with keys of their own (own cluster: a node is killed): the audit grain moves between
/// silos, so the log carries several signers, all trusted because federation knows them, a dead one included; an
/// outsider's key is not; and rows deleted from the database behind the cluster's back are caught by the checkpoints the
/// nodes witnessed in each other's heartbeats.
/// </summary>
public sealed class AuditTrustTests
{
    [Fact]
    public async Task A_log_signed_by_several_nodes_verifies_and_a_tail_deleted_in_the_database_is_caught_by_the_witnesses()
    {
        await using var cluster = await FederationTestCluster.StartAsync(nodes: 3, configure: (_, options) => options.Audit.CheckpointEvery = 5);
        foreach (var node in cluster.Nodes) await cluster.Peer(node).DiscoverPeers();
        // Silos of one cluster rate each other CORE (each change is itself an audit entry: 6 of them).
        foreach (var node in cluster.Nodes)
            foreach (var other in cluster.Nodes.Where(n => n != node))
                await cluster.Peer(node).SetTier(other, TrustTier.Core, "operator:test");
        using var outsider = FederationVectors.Outsider(41);
        await cluster.Peer(cluster.Nodes[0]).ExchangeManifest(cluster.OutsiderManifest(outsider, "outsider-audit"));

        var log = cluster.Client.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
        for (var n = 7; n <= 10; n++) await log.Append(new AuditRecord("governance.policy", "operator:alice", $"{{\"n\":{n}}}"));
        var firstHost = cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(cluster.HostOf(log))).Name;
        await cluster.KillAsync(firstHost);
        for (var n = 11; n <= 15; n++) await log.Append(new AuditRecord("governance.policy", "operator:alice", $"{{\"n\":{n}}}"));

        var client = new MoecraftClient(cluster.Client);
        var export = await client.ExportAuditAsync();
        var keys = cluster.Nodes.Select(n =>
        {
            using var key = cluster.Key(n);
            return key.NodeId;
        }).Order(StringComparer.Ordinal).ToList();
        Assert.Equal<string>(keys, export.Trust.NodeIds); // the killed node's key too, through the others' peer tables; never the outsider's
        var signers = export.Checkpoints.Select(c => c.NodeId).Distinct().ToList();
        Assert.True(signers.Count >= 2, $"checkpoints {string.Join(", ", export.Checkpoints.Select(c => $"{c.Size} by {c.NodeId}"))}");
        Assert.Equal(new AuditVerificationResult.Ok(15, 3, export.Entries[^1].Hash), AuditLogGrainTests.VerifyLive(export));
        Assert.Equal(new AuditVerificationResult.Ok(15, 3, export.Entries[^1].Hash), await AuditLogGrainTests.VerifySealedAsync(client, export));
        // Trusting one node alone, as '--node' did, refuses the genuine checkpoints of the others.
        Assert.IsType<AuditVerificationResult.BadSignature>(AuditLogGrainTests.VerifyLive(export, [signers[0]]));

        // The live nodes heartbeat each other: each keeps the newest checkpoint the other showed it.
        var live = cluster.Nodes.Where(n => n != firstHost).ToList();
        foreach (var node in live) await cluster.Peer(node).SendHeartbeats();
        Assert.Contains((await client.GetAuditTrustAsync()).Witnessed, c => c.Size == 15);

        // Someone with the database deletes the last five entries and the checkpoint that covered them.
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                     {
                         DataSource = Path.Combine(cluster.DataDirectory, MoecraftStorageOptions.DatabaseFileName), DefaultTimeout = 30,
                     }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM moecraft_audit WHERE LogId = 'cluster' AND Seq > 10; DELETE FROM moecraft_audit_checkpoint WHERE LogId = 'cluster' AND Size > 10";
            Assert.Equal(6, await command.ExecuteNonQueryAsync());
        }

        var truncated = AuditLogGrainTests.VerifyLive(await client.ExportAuditAsync());
        Assert.Equal(10, Assert.IsType<AuditVerificationResult.Truncated>(truncated).LastGoodSequence);
        Assert.Contains("covers 15 entries", truncated.Describe(), StringComparison.Ordinal);

        // Heartbeats now carry checkpoint 10, which does not wipe out the witness of 15.
        await Task.Delay(TimeSpan.FromMilliseconds(20)); // a later send time than the last accepted heartbeat
        foreach (var node in live) Assert.Equal(1, await cluster.Peer(node).SendHeartbeats());
        var row = (await cluster.Peer(live[0]).GetPeers()).Single(p => p.Name == live[1]);
        Assert.Equal(((long?)10, (long?)15), (row.Checkpoint?.Size, row.NewestCheckpoint?.Size));
        Assert.IsType<AuditVerificationResult.Truncated>(AuditLogGrainTests.VerifyLive(await client.ExportAuditAsync()));
    }
}
