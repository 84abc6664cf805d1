using Moecraft.Audit.Verification;
using Moecraft.Identity;

namespace Moecraft.Tests.Audit;

/// <summary>Audit export files built with the real chain format and a real Ed25519 signer, and the ways to tamper with them.</summary>
internal static class TestAuditLog
{
    public const string LogId = "test-log";

    private const long SignedAt = 1_767_225_700_000;

    /// <summary><paramref name="entries"/> entries (payload <c>{"n":seq}</c>) and a signed checkpoint after every <paramref name="checkpointEvery"/>.</summary>
    public static (List<ChainEntry> Entries, List<ChainCheckpoint> Checkpoints) Build(INodeSigner signer, int entries, int checkpointEvery)
    {
        var chain = new List<ChainEntry>();
        var checkpoints = new List<ChainCheckpoint>();
        var previous = AuditChain.GenesisHash;
        for (var seq = 1; seq <= entries; seq++)
        {
            var entry = AuditChain.CreateEntry(seq, 1_767_225_600_000 + seq, "kernel.commit", "operator:alice", $"{{\"n\":{seq}}}", previous);
            chain.Add(entry);
            previous = entry.Hash;
            if (seq % checkpointEvery == 0) checkpoints.Add(Sign(signer, seq, entry.Hash));
        }
        return (chain, checkpoints);
    }

    public static ChainCheckpoint Sign(INodeSigner signer, long size, string head, string logId = LogId) =>
        new(logId, size, head, SignedAt, signer.NodeId, AuditChain.EncodeSignature(signer.Sign(AuditChain.CheckpointBody(logId, size, head, SignedAt, signer.NodeId))));

    /// <summary>The seal an export of <paramref name="entries"/> ends with, signed by <paramref name="signer"/>.</summary>
    public static ChainCheckpoint Seal(INodeSigner signer, IReadOnlyList<ChainEntry> entries, string logId = LogId)
    {
        var head = entries[^1].Hash;
        var body = AuditChain.SealBody(logId, entries.Count, head, SignedAt, signer.NodeId);
        return new ChainCheckpoint(logId, entries.Count, head, SignedAt, signer.NodeId, AuditChain.EncodeSignature(signer.Sign(body)));
    }

    /// <summary>The export file of <paramref name="entries"/> and <paramref name="checkpoints"/>, sealed by <paramref name="sealer"/>.</summary>
    public static List<string> Export(IReadOnlyList<ChainEntry> entries, IReadOnlyList<ChainCheckpoint> checkpoints, INodeSigner sealer) =>
        [.. AuditExportFile.Lines(entries, checkpoints, Seal(sealer, entries))];

    /// <summary>Rebuilds every prev and hash, as an attacker without the key would after an edit to hide it from the chain check.</summary>
    public static List<ChainEntry> Rechain(IReadOnlyList<ChainEntry> entries)
    {
        var result = new List<ChainEntry>();
        var previous = AuditChain.GenesisHash;
        foreach (var e in entries)
        {
            var entry = AuditChain.CreateEntry(e.Sequence, e.Timestamp, e.Kind, e.Actor, e.Payload, previous);
            result.Add(entry);
            previous = entry.Hash;
        }
        return result;
    }
}
