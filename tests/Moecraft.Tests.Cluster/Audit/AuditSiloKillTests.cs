using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Client;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.Audit;

/// <summary>Killing the silo that hosts an audit log loses no acknowledged entry or checkpoint (own cluster: it changes topology).</summary>
public sealed class AuditSiloKillTests
{
    [Fact]
    public async Task Audit_entries_and_periodic_checkpoints_survive_killing_their_silo()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(silos: 3, configure: o => o.Audit.CheckpointEvery = 5);
        var log = cluster.Client.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
        for (var n = 1; n <= 12; n++) await log.Append(new AuditRecord("governance.policy", "operator:alice", $"{{\"n\":{n}}}"), n);
        var entriesBefore = await log.Read(1, 100);
        var checkpointsBefore = await log.GetCheckpoints();
        Assert.Equal<long>([5, 10], checkpointsBefore.Select(c => c.Size));

        var host = cluster.HostOf(log);
        await cluster.Cluster.KillSiloAsync(host);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        Assert.Equal<AuditEntry>(entriesBefore, await log.Read(1, 100));
        Assert.Equal<AuditCheckpoint>(checkpointsBefore, await log.GetCheckpoints());
        Assert.NotEqual(host.SiloAddress, cluster.HostOf(log).SiloAddress);
        await Assert.ThrowsAsync<AuditSequenceException>(() => log.Append(new AuditRecord("governance.policy", "operator:alice", "{}"), 12));
        var next = await log.Append(new AuditRecord("governance.resume", "operator:alice", "{}"), 13);
        Assert.Equal(entriesBefore[^1].Hash, next.PreviousHash);
        await log.Append(new AuditRecord("governance.resume", "operator:alice", "{}"));
        await log.Append(new AuditRecord("governance.resume", "operator:alice", "{}"));

        var client = new MoecraftClient(cluster.Client);
        var export = await client.ExportAuditAsync();
        Assert.Equal<long>([5, 10, 15], export.Checkpoints.Select(c => c.Size));
        Assert.Equal(new AuditVerificationResult.Ok(15, 3, export.Entries[^1].Hash), AuditLogGrainTests.VerifyLive(export, [export.Checkpoints[0].NodeId]));
        Assert.Equal(new AuditVerificationResult.Ok(15, 3, export.Entries[^1].Hash), await AuditLogGrainTests.VerifySealedAsync(client, export));
    }
}
