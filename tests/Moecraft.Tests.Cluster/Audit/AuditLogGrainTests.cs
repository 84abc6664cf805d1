using Microsoft.Extensions.DependencyInjection;
using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Client;
using Moecraft.Identity;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.Audit;

/// <summary>The audit log grain on the shared SQLite cluster: sequence checks, bad input, checkpoints, export.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class AuditLogGrainTests(SqliteClusterFixture fixture)
{
    private readonly SqliteTestCluster _cluster = fixture.Cluster;

    private static AuditRecord Record(int n) => new("kernel.commit", "operator:alice", $"{{\"n\":{n}}}");

    private IAuditLogGrain NewLog(out string logId)
    {
        logId = "test-" + Guid.NewGuid().ToString("n");
        return _cluster.Client.GetGrain<IAuditLogGrain>(logId);
    }

    [Fact]
    public async Task Appends_chain_at_the_expected_sequence_and_a_stale_one_is_refused_changing_nothing()
    {
        var log = NewLog(out var logId);

        var first = await log.Append(Record(1), 1);
        var second = await log.Append(Record(2), 2);

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditChain.GenesisHash, first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(AuditChain.HashEntry(2, second.Timestamp, "kernel.commit", "operator:alice", "{\"n\":2}", first.Hash), second.Hash);

        var stale = await Assert.ThrowsAsync<AuditSequenceException>(() => log.Append(Record(99), 2));
        Assert.Equal(3, stale.NextSequence);
        Assert.Contains("expected seq 2", stale.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AuditSequenceException>(() => log.Append(Record(99), 5));
        await Assert.ThrowsAsync<AuditSequenceException>(() => log.Append(Record(99), 0));

        Assert.Equal(new AuditHead(logId, 2, second.Hash), await log.GetHead());
        Assert.Equal<AuditEntry>([first, second], await log.Read(1, 100));
        Assert.Equal<AuditEntry>([second], await log.Read(2, 1));
        Assert.Empty(await log.Read(3, 10));
    }

    [Fact]
    public async Task Bad_records_and_arguments_are_refused_and_change_nothing()
    {
        var log = NewLog(out _);
        await log.Append(Record(1));

        foreach (var bad in new[]
                 {
                     new AuditRecord("kernel.commit", "operator:alice", "{\"n\": 1}"),
                     new AuditRecord("kernel.commit", "operator:alice", "{\"n\":1.5}"),
                     new AuditRecord("kernel.commit", "operator:alice", "[1,2]"),
                     new AuditRecord("", "operator:alice", "{}"),
                     new AuditRecord("kernel.commit", " ", "{}"),
                 })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => log.Append(bad));
            await Assert.ThrowsAsync<ArgumentException>(() => log.Append(bad, 2));
        }
        await Assert.ThrowsAsync<ArgumentException>(() => log.Read(0, 10));
        await Assert.ThrowsAsync<ArgumentException>(() => log.Read(1, 0));
        await Assert.ThrowsAsync<ArgumentException>(() => log.Read(1, 1001));
        await Assert.ThrowsAsync<ArgumentException>(() => _cluster.Client.GetGrain<IAuditLogGrain>("bad log id").Append(Record(1)));

        Assert.Equal(1, (await log.GetHead()).Size);
        Assert.Empty(await log.GetCheckpoints());
    }

    [Fact]
    public async Task A_second_writer_cannot_fork_the_chain_and_the_stale_grain_catches_up()
    {
        var log = NewLog(out var logId);
        var first = await log.Append(Record(1), 1);

        // Another activation (or silo) writes seq 2 behind this activation's back, straight to the shared store.
        var store = _cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IAuditStore>();
        var sneaked = AuditChain.CreateEntry(2, 1, "kernel.commit", "operator:bob", "{\"n\":2}", first.Hash);
        Assert.True(await store.TryAppendAsync(logId, new AuditEntry(2, 1, sneaked.Kind, sneaked.Actor, sneaked.Payload, sneaked.PreviousHash, sneaked.Hash)));
        Assert.False(await store.TryAppendAsync(logId, new AuditEntry(2, 1, sneaked.Kind, "operator:eve", sneaked.Payload, sneaked.PreviousHash, sneaked.Hash)));

        // The grain still thinks seq 2 is next: the store refuses the write, and the caller learns the real head.
        var conflict = await Assert.ThrowsAsync<AuditSequenceException>(() => log.Append(Record(3), 3 - 1));
        Assert.Equal(3, conflict.NextSequence);
        var third = await log.Append(Record(3));

        Assert.Equal(3, third.Sequence);
        Assert.Equal(sneaked.Hash, third.PreviousHash);
        var client = new MoecraftClient(_cluster.Client);
        var export = await client.ExportAuditAsync(logId);
        Assert.Equal(["operator:alice", "operator:bob", "operator:alice"], export.Entries.Select(e => e.Actor));
        Assert.IsType<AuditVerificationResult.Ok>(VerifyLive(export));
        Assert.IsType<AuditVerificationResult.Ok>(await VerifySealedAsync(client, export));
    }

    [Fact]
    public async Task Checkpoints_are_signed_by_the_node_key_and_the_export_verifies()
    {
        var log = NewLog(out var logId);
        for (var n = 1; n <= 3; n++) await log.Append(Record(n));

        var checkpoint = await log.Checkpoint();
        var again = await log.Checkpoint(); // the head is covered already: the same checkpoint, not a second one

        var signer = _cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<INodeSigner>();
        Assert.Equal(checkpoint, again);
        Assert.Equal(signer.NodeId, checkpoint.NodeId);
        Assert.Equal((logId, 3L, (await log.GetHead()).HeadHash), (checkpoint.LogId, checkpoint.Size, checkpoint.HeadHash));
        Assert.True(NodeIds.TryGetPublicKey(checkpoint.NodeId, out var publicKey));
        var body = AuditChain.CheckpointBody(logId, 3, checkpoint.HeadHash, checkpoint.Timestamp, checkpoint.NodeId);
        Assert.True(Signatures.Verify(publicKey, body, System.Buffers.Text.Base64Url.DecodeFromChars(checkpoint.Signature)));
        Assert.Equal<AuditCheckpoint>([checkpoint], await log.GetCheckpoints());

        await log.Append(Record(4));
        var client = new MoecraftClient(_cluster.Client);
        var export = await client.ExportAuditAsync(logId);
        Assert.Equal<string>([signer.NodeId], export.Trust.NodeIds); // the silos of this test cluster share one key file
        Assert.Empty(export.Trust.Witnessed);
        Assert.Equal(new AuditVerificationResult.Ok(4, 1, export.Entries[^1].Hash), await VerifySealedAsync(client, export));
        Assert.True(File.Exists(Path.Combine(_cluster.DataDirectory, "node.key")));
    }

    [Fact]
    public async Task An_export_seal_is_signed_over_the_entry_it_ends_at_and_only_an_entry_the_log_holds()
    {
        var log = NewLog(out var logId);
        for (var n = 1; n <= 3; n++) await log.Append(Record(n));
        var entries = await log.Read(1, 10);

        var seal = await log.SealExport(2);

        var signer = _cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<INodeSigner>();
        Assert.Equal((logId, 2L, entries[1].Hash, signer.NodeId), (seal.LogId, seal.Size, seal.HeadHash, seal.NodeId));
        Assert.True(NodeIds.TryGetPublicKey(seal.NodeId, out var publicKey));
        var body = AuditChain.SealBody(logId, 2, seal.HeadHash, seal.Timestamp, seal.NodeId);
        Assert.True(Signatures.Verify(publicKey, body, System.Buffers.Text.Base64Url.DecodeFromChars(seal.Signature)));
        Assert.Empty(await log.GetCheckpoints()); // a seal is not stored: it belongs to one export

        foreach (var size in new long[] { 0, -1, 4 })
            Assert.Contains("has 3 entries", (await Assert.ThrowsAsync<ArgumentException>(() => log.SealExport(size))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => _cluster.Client.GetGrain<IAuditLogGrain>("never-written-" + Guid.NewGuid().ToString("n")).SealExport(1));
        var empty = await new MoecraftClient(_cluster.Client).ExportAuditAsync("never-written-" + Guid.NewGuid().ToString("n"));
        await Assert.ThrowsAsync<ArgumentException>(() => new MoecraftClient(_cluster.Client).SealAuditExportAsync(empty));
        Assert.IsType<AuditVerificationResult.Empty>(AuditVerifier.Verify([], [], empty.Trust.NodeIds));
    }

    /// <summary>Exports <paramref name="export"/> as <c>moecraft audit export</c> writes it (sealed by the cluster) and verifies the file.</summary>
    internal static async Task<AuditVerificationResult> VerifySealedAsync(MoecraftClient client, AuditExport export, IReadOnlyCollection<string>? trusted = null)
    {
        var seal = await client.SealAuditExportAsync(export);
        var lines = AuditExportFile.Lines(
            [.. export.Entries.Select(e => new ChainEntry(e.Sequence, e.Timestamp, e.Kind, e.Actor, e.Payload, e.PreviousHash, e.Hash))],
            [.. export.Checkpoints.Select(Chain)],
            new ChainCheckpoint(seal.LogId, seal.Size, seal.HeadHash, seal.Timestamp, seal.NodeId, seal.Signature));
        return AuditVerifier.VerifyLines(lines, trusted ?? export.Trust.NodeIds);
    }

    /// <summary>Verifies <paramref name="export"/> live: against its stored and witnessed checkpoints.</summary>
    internal static AuditVerificationResult VerifyLive(AuditExport export, IReadOnlyCollection<string>? trusted = null) =>
        AuditVerifier.Verify(
            [.. export.Entries.Select(e => new ChainEntry(e.Sequence, e.Timestamp, e.Kind, e.Actor, e.Payload, e.PreviousHash, e.Hash))],
            [.. export.SignedCheckpoints.Select(Chain)],
            trusted ?? export.Trust.NodeIds);

    private static ChainCheckpoint Chain(AuditCheckpoint c) => new(c.LogId, c.Size, c.HeadHash, c.Timestamp, c.NodeId, c.Signature);
}
