using Moecraft.Audit.Verification;
using Moecraft.Identity;
using Moecraft.Tests.Identity;

namespace Moecraft.Tests.Audit;

/// <summary>
/// One export (10 entries, checkpoints at 5 and 10, signed by a known key) and each kind of tampering, with the result
/// the verifier must report. Shared by the verifier tests and the CLI exit-code tests.
/// </summary>
internal static class AuditTampering
{
    public static readonly byte[] Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    public static readonly byte[] OtherSeed = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

    public static string NodeId
    {
        get
        {
            using var key = NodeKeyFiles.Load(Seed);
            return key.NodeId;
        }
    }

    public static readonly string[] Cases =
        ["intact", "edited-payload", "deleted-entry", "reordered-entries", "truncated-tail", "forged-signature", "foreign-key", "altered-checkpoint-head", "rechained-after-edit", "non-canonical-line"];

    public static List<string> Lines(string name)
    {
        using var signer = NodeKeyFiles.Load(Seed);
        var (entries, checkpoints) = TestAuditLog.Build(signer, entries: 10, checkpointEvery: 5);
        var lines = TestAuditLog.Lines(entries, checkpoints);
        switch (name)
        {
            case "intact":
                return lines;
            case "edited-payload":
                lines[2] = lines[2].Replace("{\"n\":3}", "{\"n\":30}", StringComparison.Ordinal);
                return lines;
            case "deleted-entry":
                lines.RemoveAt(2);
                return lines;
            case "reordered-entries":
                (lines[2], lines[3]) = (lines[3], lines[2]);
                return lines;
            case "truncated-tail":
                return TestAuditLog.Lines(entries.Take(7), checkpoints);
            case "forged-signature":
                var forged = checkpoints[1] with { Signature = Flip(checkpoints[1].Signature) };
                return TestAuditLog.Lines(entries, [checkpoints[0], forged]);
            case "foreign-key":
                using (var other = NodeKeyFiles.Load(OtherSeed))
                    return TestAuditLog.Lines(entries, [checkpoints[0], TestAuditLog.Sign(other, 10, entries[9].Hash)]);
            case "altered-checkpoint-head":
                return TestAuditLog.Lines(entries, [checkpoints[0], checkpoints[1] with { HeadHash = entries[8].Hash, Size = 9 }]);
            case "rechained-after-edit":
                var edited = entries.Select(e => e.Sequence == 7 ? e with { Payload = "{\"n\":70}" } : e).ToList();
                return TestAuditLog.Lines(TestAuditLog.Rechain(edited), checkpoints);
            case "non-canonical-line":
                lines[4] = lines[4].Replace(",", ", ", StringComparison.Ordinal);
                return lines;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown tampering case.");
        }
    }

    /// <summary>What verifying <paramref name="name"/> with the trusted node id must report.</summary>
    public static AuditVerificationResult Expected(string name)
    {
        using var signer = NodeKeyFiles.Load(Seed);
        var (entries, _) = TestAuditLog.Build(signer, entries: 10, checkpointEvery: 5);
        return name switch
        {
            "intact" => new AuditVerificationResult.Ok(10, 2, entries[9].Hash),
            "edited-payload" => new AuditVerificationResult.Tampered(3, "content does not match its hash"),
            "deleted-entry" => new AuditVerificationResult.Tampered(3, "found seq 4 where seq 3 belongs"),
            "reordered-entries" => new AuditVerificationResult.Tampered(3, "found seq 4 where seq 3 belongs"),
            "truncated-tail" => new AuditVerificationResult.Truncated(7, 10),
            "forged-signature" => new AuditVerificationResult.BadSignature(10, "the signature does not verify"),
            "foreign-key" => new AuditVerificationResult.BadSignature(10, $"signed by node {NodeIdOf(OtherSeed)}, not the trusted {NodeIdOf(Seed)}"),
            "altered-checkpoint-head" => new AuditVerificationResult.BadSignature(9, "the signature does not verify"),
            "rechained-after-edit" => new AuditVerificationResult.Tampered(6, "entries up to seq 10 do not match the signed checkpoint head"),
            "non-canonical-line" => new AuditVerificationResult.Tampered(5, "ignored"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown tampering case."),
        };
    }

    private static string NodeIdOf(byte[] seed)
    {
        using var key = NodeKeyFiles.Load(seed);
        return key.NodeId;
    }

    // Changes one signature byte (the first character carries the top six bits of byte 0).
    private static string Flip(string signature) => (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
}
