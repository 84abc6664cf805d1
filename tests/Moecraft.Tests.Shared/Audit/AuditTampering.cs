using Moecraft.Audit.Verification;
using Moecraft.Identity;
using Moecraft.Tests.Identity;

namespace Moecraft.Tests.Audit;

/// <summary>
/// One export file (10 entries, checkpoints at 5 and 10, sealed; all signed by a known key) and each kind of tampering,
/// with the result the verifier must report when that key is the one trusted. Shared by the verifier tests and the CLI
/// exit-code tests. The lines: e1-e5, checkpoint 5, e6-e10, checkpoint 10, seal (13 lines).
/// </summary>
internal static class AuditTampering
{
    public static readonly byte[] Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    public static readonly byte[] OtherSeed = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

    private const string NotSealed = "the file does not end with the export's seal, so it was cut and what followed is missing";

    public static string NodeId => NodeIdOf(Seed);

    public static string OtherNodeId => NodeIdOf(OtherSeed);

    public static readonly string[] Cases =
    [
        "intact", "edited-payload", "deleted-entry", "reordered-entries", "truncated-tail", "forged-signature", "foreign-key",
        "edited-and-resigned-with-own-key", "altered-checkpoint-head", "rechained-after-edit", "non-canonical-line", "cut-after-an-entry",
        "cut-after-a-checkpoint", "cut-before-the-seal", "cut-inside-the-last-line", "empty-file", "line-after-the-seal", "entry-added-before-the-seal",
    ];

    public static List<string> Lines(string name)
    {
        using var signer = NodeKeyFiles.Load(Seed);
        var (entries, checkpoints) = TestAuditLog.Build(signer, entries: 10, checkpointEvery: 5);
        var lines = TestAuditLog.Export(entries, checkpoints, signer);
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
                lines.RemoveRange(8, 3); // entries 8 to 10; checkpoint 10 and the seal stay
                return lines;
            case "forged-signature":
                return TestAuditLog.Export(entries, [checkpoints[0], checkpoints[1] with { Signature = Flip(checkpoints[1].Signature) }], signer);
            case "foreign-key":
                using (var other = NodeKeyFiles.Load(OtherSeed))
                    return TestAuditLog.Export(entries, [checkpoints[0], TestAuditLog.Sign(other, 10, entries[9].Hash)], signer);
            case "edited-and-resigned-with-own-key":
                // The whole forgery: an edit, the chain rebuilt, every checkpoint and the seal signed again with a key of the forger's own.
                using (var forger = NodeKeyFiles.Load(OtherSeed))
                {
                    var forged = TestAuditLog.Rechain([.. entries.Select(e => e.Sequence == 7 ? e with { Payload = "{\"n\":70}" } : e)]);
                    return TestAuditLog.Export(forged, [TestAuditLog.Sign(forger, 5, forged[4].Hash), TestAuditLog.Sign(forger, 10, forged[9].Hash)], forger);
                }
            case "altered-checkpoint-head":
                lines[11] = AuditChain.CheckpointLine(checkpoints[1] with { HeadHash = entries[8].Hash, Size = 9 });
                return lines;
            case "rechained-after-edit":
                var edited = TestAuditLog.Rechain([.. entries.Select(e => e.Sequence == 7 ? e with { Payload = "{\"n\":70}" } : e)]);
                return [.. edited.Take(5).Select(AuditChain.EntryLine), lines[5], .. edited.Skip(5).Select(AuditChain.EntryLine), .. lines[11..]];
            case "non-canonical-line":
                lines[4] = lines[4].Replace(",", ", ", StringComparison.Ordinal);
                return lines;
            case "cut-after-an-entry":
                return lines[..8]; // head -n 8: entries 1 to 7 and checkpoint 5
            case "cut-after-a-checkpoint":
                return lines[..6]; // head -n 6: ends on a validly signed checkpoint over its last entry
            case "cut-before-the-seal":
                return lines[..12];
            case "cut-inside-the-last-line":
                lines[12] = lines[12][..(lines[12].Length / 2)];
                return lines;
            case "empty-file":
                return [];
            case "line-after-the-seal":
                lines.Add(lines[11]);
                return lines;
            case "entry-added-before-the-seal":
                var added = AuditChain.CreateEntry(11, entries[9].Timestamp + 1, "kernel.commit", "operator:mallory", "{\"n\":11}", entries[9].Hash);
                lines.Insert(12, AuditChain.EntryLine(added));
                return lines;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown tampering case.");
        }
    }

    /// <summary>What verifying <paramref name="name"/> with <see cref="NodeId"/> trusted must report.</summary>
    public static AuditVerificationResult Expected(string name)
    {
        using var signer = NodeKeyFiles.Load(Seed);
        var (entries, _) = TestAuditLog.Build(signer, entries: 10, checkpointEvery: 5);
        var untrusted = $"signed by node {OtherNodeId}, which is not a trusted node (trusted: {NodeId})";
        return name switch
        {
            "intact" => new AuditVerificationResult.Ok(10, 2, entries[9].Hash),
            "edited-payload" => new AuditVerificationResult.Tampered(3, "content does not match its hash"),
            "deleted-entry" => new AuditVerificationResult.Tampered(3, "found seq 4 where seq 3 belongs"),
            "reordered-entries" => new AuditVerificationResult.Tampered(3, "found seq 4 where seq 3 belongs"),
            "truncated-tail" => new AuditVerificationResult.Truncated(7, $"a checkpoint signed by node {NodeId} covers 10 entries"),
            "forged-signature" => new AuditVerificationResult.BadSignature(10, "the signature does not verify"),
            "foreign-key" => new AuditVerificationResult.BadSignature(10, untrusted),
            "edited-and-resigned-with-own-key" => new AuditVerificationResult.BadSignature(5, untrusted),
            "altered-checkpoint-head" => new AuditVerificationResult.BadSignature(9, "the signature does not verify"),
            "rechained-after-edit" => new AuditVerificationResult.Tampered(6, "entries up to seq 10 do not match the signed checkpoint head"),
            "non-canonical-line" => new AuditVerificationResult.Tampered(5, "ignored"),
            "cut-after-an-entry" => new AuditVerificationResult.Truncated(7, NotSealed),
            "cut-after-a-checkpoint" => new AuditVerificationResult.Truncated(5, NotSealed),
            "cut-before-the-seal" => new AuditVerificationResult.Truncated(10, NotSealed),
            "cut-inside-the-last-line" => new AuditVerificationResult.Truncated(10, "the file's last line (13) is incomplete: it was cut"),
            "empty-file" => new AuditVerificationResult.Empty("the file holds no audit entries"),
            "line-after-the-seal" => new AuditVerificationResult.Tampered(11, "line 14 follows the export's seal, which ends an export"),
            "entry-added-before-the-seal" => new AuditVerificationResult.Tampered(11, "entries follow seq 10, the head the export sealed"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown tampering case."),
        };
    }

    public static string NodeIdOf(byte[] seed)
    {
        using var key = NodeKeyFiles.Load(seed);
        return key.NodeId;
    }

    // Changes one signature byte (the first character carries the top six bits of byte 0).
    private static string Flip(string signature) => (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
}
