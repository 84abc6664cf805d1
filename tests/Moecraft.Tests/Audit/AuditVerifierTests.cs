using Moecraft.Audit.Verification;
using Moecraft.Tests.Identity;

namespace Moecraft.Tests.Audit;

/// <summary>The offline verifier (SPEC 5.4): each kind of tampering is reported with the right result and sequence.</summary>
public sealed class AuditVerifierTests
{
    public static TheoryData<string> Cases => [.. AuditTampering.Cases];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_kind_of_tampering_gets_its_own_result(string name)
    {
        var result = AuditVerifier.VerifyLines(AuditTampering.Lines(name), AuditTampering.NodeId);

        var expected = AuditTampering.Expected(name);
        if (expected is AuditVerificationResult.Tampered { FirstBadSequence: var seq } && name == "non-canonical-line")
            Assert.Equal(seq, Assert.IsType<AuditVerificationResult.Tampered>(result).FirstBadSequence);
        else
            Assert.Equal(expected, result);
    }

    [Fact]
    public void Without_a_trusted_node_a_validly_self_signed_checkpoint_passes_but_a_forged_one_does_not()
    {
        Assert.IsType<AuditVerificationResult.Ok>(AuditVerifier.VerifyLines(AuditTampering.Lines("foreign-key")));
        Assert.IsType<AuditVerificationResult.BadSignature>(AuditVerifier.VerifyLines(AuditTampering.Lines("forged-signature")));
    }

    [Fact]
    public void Truncation_after_the_last_checkpoint_is_undetectable_and_an_empty_log_is_OK()
    {
        using var signer = NodeKeyFiles.Load(AuditTampering.Seed);
        var (entries, checkpoints) = TestAuditLog.Build(signer, entries: 12, checkpointEvery: 5);

        Assert.Equal(new AuditVerificationResult.Ok(10, 2, entries[9].Hash), AuditVerifier.Verify(entries.Take(10).ToList(), checkpoints));
        Assert.Equal(new AuditVerificationResult.Truncated(9, 10), AuditVerifier.Verify(entries.Take(9).ToList(), checkpoints));
        Assert.Equal(new AuditVerificationResult.Ok(0, 0, AuditChain.GenesisHash), AuditVerifier.VerifyLines([]));
    }

    [Fact]
    public void Lines_that_are_not_audit_objects_are_tampering()
    {
        var lines = AuditTampering.Lines("intact");
        lines.Insert(3, "{\"type\":\"moecraft.other.v1\"}");
        Assert.Equal(4, Assert.IsType<AuditVerificationResult.Tampered>(AuditVerifier.VerifyLines(lines)).FirstBadSequence);

        var floats = AuditTampering.Lines("intact");
        floats[0] = floats[0].Replace("{\"n\":1}", "{\"n\":1.5}", StringComparison.Ordinal);
        Assert.Equal(1, Assert.IsType<AuditVerificationResult.Tampered>(AuditVerifier.VerifyLines(floats)).FirstBadSequence);
    }

    [Fact]
    public void Entries_carry_the_chain_fields_and_hash_as_the_spec_says()
    {
        var entry = AuditChain.CreateEntry(1, 1_767_225_600_123, "governance.halt", "operator:alice", "{\"reason\":\"drill\"}", AuditChain.GenesisHash);

        Assert.Equal(
            "{\"actor\":\"operator:alice\",\"hash\":\"" + entry.Hash + "\",\"kind\":\"governance.halt\",\"payload\":{\"reason\":\"drill\"},"
            + "\"prev\":\"" + AuditChain.GenesisHash + "\",\"seq\":1,\"ts\":1767225600123,\"type\":\"moecraft.audit.v1\"}",
            AuditChain.EntryLine(entry));
        var body = "{\"actor\":\"operator:alice\",\"kind\":\"governance.halt\",\"payload\":{\"reason\":\"drill\"},\"prev\":\"" + AuditChain.GenesisHash
            + "\",\"seq\":1,\"ts\":1767225600123,\"type\":\"moecraft.audit.v1\"}";
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))), entry.Hash);
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
