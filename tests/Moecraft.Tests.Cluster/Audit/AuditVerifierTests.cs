using Moecraft.Audit.Verification;
using Moecraft.Tests.Federation.Peers;
using Moecraft.Tests.Identity;

namespace Moecraft.Tests.Audit;

/// <summary>The offline verifier (SPEC 5.4): each kind of tampering is reported with the right result and sequence.</summary>
public sealed class AuditVerifierTests
{
    public static TheoryData<string> Cases => [.. AuditTampering.Cases];

    private static string[] Trusted => [AuditTampering.NodeId];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_kind_of_tampering_gets_its_own_result(string name)
    {
        var result = AuditVerifier.VerifyLines(AuditTampering.Lines(name), Trusted);

        var expected = AuditTampering.Expected(name);
        if (expected is AuditVerificationResult.Tampered { FirstBadSequence: var seq } && name == "non-canonical-line")
            Assert.Equal(seq, Assert.IsType<AuditVerificationResult.Tampered>(result).FirstBadSequence);
        else
            Assert.Equal(expected, result);
    }

    [Fact]
    public void An_export_cut_after_any_of_its_lines_is_reported_never_OK()
    {
        var lines = AuditTampering.Lines("intact");

        for (var kept = 0; kept < lines.Count; kept++)
        {
            var result = AuditVerifier.VerifyLines(lines[..kept], Trusted);
            if (kept == 0) Assert.IsType<AuditVerificationResult.Empty>(result);
            else Assert.True(result is AuditVerificationResult.Truncated, $"cut after line {kept}: {result.Describe()}");
        }
        Assert.IsType<AuditVerificationResult.Ok>(AuditVerifier.VerifyLines(lines, Trusted));
    }

    [Fact]
    public void A_log_signed_by_several_nodes_verifies_when_each_is_trusted_and_fails_when_one_is_not()
    {
        using var a = NodeKeyFiles.Load(AuditTampering.Seed);
        using var b = NodeKeyFiles.Load(AuditTampering.OtherSeed);
        using var c = FederationVectors.Outsider(7);
        // The log's grain moved: checkpoint 5 signed on one silo, 10 on another, the export sealed on a third.
        var (entries, checkpoints) = TestAuditLog.Build(a, entries: 10, checkpointEvery: 5);
        var lines = TestAuditLog.Export(entries, [checkpoints[0], TestAuditLog.Sign(b, 10, entries[9].Hash)], c);

        Assert.Equal(new AuditVerificationResult.Ok(10, 2, entries[9].Hash), AuditVerifier.VerifyLines(lines, [a.NodeId, b.NodeId, c.NodeId]));
        var withoutSealer = Assert.IsType<AuditVerificationResult.BadSignature>(AuditVerifier.VerifyLines(lines, [a.NodeId, b.NodeId]));
        Assert.Equal(10, withoutSealer.CheckpointSize);
        Assert.StartsWith($"the export's seal: signed by node {c.NodeId}, which is not a trusted node", withoutSealer.Reason, StringComparison.Ordinal);
        Assert.Equal(10, Assert.IsType<AuditVerificationResult.BadSignature>(AuditVerifier.VerifyLines(lines, [a.NodeId, c.NodeId])).CheckpointSize);
    }

    [Fact]
    public void Verifying_needs_trusted_node_ids_that_are_node_ids()
    {
        var lines = AuditTampering.Lines("intact");

        Assert.Throws<ArgumentException>(() => AuditVerifier.VerifyLines(lines, []));
        Assert.Throws<ArgumentException>(() => AuditVerifier.VerifyLines(lines, ["not-a-node-id"]));
        Assert.Throws<ArgumentException>(() => AuditVerifier.Verify([], [], []));
    }

    [Fact]
    public void A_live_log_shorter_than_a_witnessed_checkpoint_lost_its_tail_and_an_empty_log_is_an_error()
    {
        using var signer = NodeKeyFiles.Load(AuditTampering.Seed);
        var (entries, checkpoints) = TestAuditLog.Build(signer, entries: 15, checkpointEvery: 5);
        var stored = checkpoints.Take(2).ToList(); // the rows of entries 11 to 15 and of checkpoint 15 were deleted...
        var witnessed = checkpoints[2];             // ...but a peer saw checkpoint 15 in a heartbeat

        Assert.Equal(new AuditVerificationResult.Ok(10, 2, entries[9].Hash), AuditVerifier.Verify(entries[..10], stored, Trusted));
        Assert.Equal(
            new AuditVerificationResult.Truncated(10, $"a checkpoint signed by node {signer.NodeId} covers 15 entries"),
            AuditVerifier.Verify(entries[..10], [.. stored, witnessed], Trusted));
        // The same witness twice, or once more among the stored ones, counts once.
        Assert.Equal(new AuditVerificationResult.Ok(15, 3, entries[14].Hash), AuditVerifier.Verify(entries, [.. checkpoints, witnessed, witnessed], Trusted));
        // A tail rewritten after the witness disagrees with its head.
        var rewritten = TestAuditLog.Rechain([.. entries.Select(e => e.Sequence == 13 ? e with { Payload = "{\"n\":130}" } : e)]);
        Assert.Equal(11, Assert.IsType<AuditVerificationResult.Tampered>(AuditVerifier.Verify(rewritten, [.. stored, witnessed], Trusted)).FirstBadSequence);

        Assert.Equal(new AuditVerificationResult.Empty("the log has no entries (is the log id right?)"), AuditVerifier.Verify([], [], Trusted));
        Assert.Equal(new AuditVerificationResult.Truncated(0, $"a checkpoint signed by node {signer.NodeId} covers 5 entries"),
            AuditVerifier.Verify([], [checkpoints[0]], Trusted));
    }

    [Fact]
    public void Lines_that_are_not_audit_objects_are_tampering()
    {
        var lines = AuditTampering.Lines("intact");
        lines.Insert(3, "{\"type\":\"moecraft.other.v1\"}");
        Assert.Equal(4, Assert.IsType<AuditVerificationResult.Tampered>(AuditVerifier.VerifyLines(lines, Trusted)).FirstBadSequence);

        var floats = AuditTampering.Lines("intact");
        floats[0] = floats[0].Replace("{\"n\":1}", "{\"n\":1.5}", StringComparison.Ordinal);
        Assert.Equal(1, Assert.IsType<AuditVerificationResult.Tampered>(AuditVerifier.VerifyLines(floats, Trusted)).FirstBadSequence);

        var malformedSeal = AuditTampering.Lines("intact");
        malformedSeal[^1] = "{\"size\":10,\"type\":\"moecraft.audit.export.v1\"}";
        Assert.Equal(10, Assert.IsType<AuditVerificationResult.BadSignature>(AuditVerifier.VerifyLines(malformedSeal, Trusted)).CheckpointSize);
    }

    [Fact]
    public void A_periodic_checkpoint_cannot_pass_for_the_seal_or_the_seal_for_a_checkpoint()
    {
        var lines = AuditTampering.Lines("intact");
        // Checkpoint 10 relabelled as the seal: its signature covers another type.
        var relabelled = lines[..12];
        relabelled.Add(lines[11].Replace(AuditChain.CheckpointType, AuditChain.SealType, StringComparison.Ordinal));
        Assert.Equal(
            new AuditVerificationResult.BadSignature(10, "the export's seal: the signature does not verify"),
            AuditVerifier.VerifyLines(relabelled, Trusted));
    }

    [Fact]
    public void Entries_checkpoints_and_seals_carry_the_fields_and_hash_as_the_spec_says()
    {
        var entry = AuditChain.CreateEntry(1, 1_767_225_600_123, "governance.halt", "operator:alice", "{\"reason\":\"drill\"}", AuditChain.GenesisHash);

        Assert.Equal(
            "{\"actor\":\"operator:alice\",\"hash\":\"" + entry.Hash + "\",\"kind\":\"governance.halt\",\"payload\":{\"reason\":\"drill\"},"
            + "\"prev\":\"" + AuditChain.GenesisHash + "\",\"seq\":1,\"ts\":1767225600123,\"type\":\"moecraft.audit.v1\"}",
            AuditChain.EntryLine(entry));
        var body = "{\"actor\":\"operator:alice\",\"kind\":\"governance.halt\",\"payload\":{\"reason\":\"drill\"},\"prev\":\"" + AuditChain.GenesisHash
            + "\",\"seq\":1,\"ts\":1767225600123,\"type\":\"moecraft.audit.v1\"}";
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))), entry.Hash);

        Assert.Equal(
            "{\"head\":\"" + entry.Hash + "\",\"log\":\"cluster\",\"node\":\"n\",\"size\":1,\"ts\":5,\"type\":\"moecraft.audit.export.v1\"}",
            System.Text.Encoding.UTF8.GetString(AuditChain.SealBody("cluster", 1, entry.Hash, 5, "n")));
        Assert.Equal(
            "{\"head\":\"h\",\"log\":\"cluster\",\"node\":\"n\",\"signature\":\"s\",\"size\":1,\"ts\":5,\"type\":\"moecraft.audit.export.v1\"}",
            AuditChain.SealLine(new ChainCheckpoint("cluster", 1, "h", 5, "n", "s")));
    }

    [Fact]
    public void An_export_file_puts_each_checkpoint_after_its_entry_and_the_seal_last()
    {
        using var signer = NodeKeyFiles.Load(AuditTampering.Seed);
        var (entries, checkpoints) = TestAuditLog.Build(signer, entries: 6, checkpointEvery: 3);
        var seal = TestAuditLog.Seal(signer, entries);

        var lines = AuditExportFile.Lines(entries, [checkpoints[1], checkpoints[0]], seal).ToList();

        Assert.Equal(
            [.. entries[..3].Select(AuditChain.EntryLine), AuditChain.CheckpointLine(checkpoints[0]), .. entries[3..].Select(AuditChain.EntryLine),
                AuditChain.CheckpointLine(checkpoints[1]), AuditChain.SealLine(seal)],
            lines);
        Assert.Throws<ArgumentException>(() => AuditExportFile.Lines(entries[..5], checkpoints, seal));
        Assert.Throws<ArgumentException>(() => AuditExportFile.Lines([], [], seal));
    }

    [Theory]
    [InlineData("", "a", "{}")]
    [InlineData("bad kind", "a", "{}")]
    [InlineData("k", "", "{}")]
    [InlineData("k", "a\nb", "{}")]
    [InlineData("k", "a", "")]
    [InlineData("k", "a", "{\"x\": 1}")]
    [InlineData("k", "a", "{\"x\":0.5}")]
    [InlineData("k", "a", "[1]")]
    [InlineData("k", "a", "{\"b\":1,\"a\":2}")]
    public void Records_that_cannot_go_into_the_chain_are_refused(string kind, string actor, string payload) =>
        Assert.Throws<ArgumentException>(() => AuditChain.ValidateRecord(kind, actor, payload));
}
