using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Moecraft.Canonical;
using Moecraft.Identity;

namespace Moecraft.Audit.Verification;

/// <summary>
/// Checks an audit log against itself and its signed checkpoints (SPEC 5.4). Order of checks: checkpoint signatures
/// first (an unsigned claim proves nothing), then the chain from seq 1 (seq, prev, hash), then each checkpoint's size
/// and head against the chain. Detects edits, deletions, insertions and reorders anywhere, and truncation below the
/// last checkpoint; truncation after the last checkpoint is undetectable by design.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Verifies entries (in log order) and checkpoints.</summary>
    /// <param name="entries">The log's entries as exported, in file order.</param>
    /// <param name="checkpoints">Its checkpoints, any order.</param>
    /// <param name="trustedNodeId">When given, only checkpoints signed by this node count as validly signed.</param>
    public static AuditVerificationResult Verify(IReadOnlyList<ChainEntry> entries, IReadOnlyList<ChainCheckpoint> checkpoints, string? trustedNodeId = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(checkpoints);
        var ordered = checkpoints.OrderBy(c => c.Size).ToList();

        foreach (var checkpoint in ordered)
        {
            var problem = SignatureProblem(checkpoint, trustedNodeId);
            if (problem is not null) return new AuditVerificationResult.BadSignature(checkpoint.Size, problem);
        }
        if (ordered.Select(c => c.LogId).Distinct(StringComparer.Ordinal).Count() > 1)
            return new AuditVerificationResult.BadSignature(ordered[^1].Size, "checkpoints of more than one log");

        var previous = AuditChain.GenesisHash;
        for (var i = 0; i < entries.Count; i++)
        {
            var expected = i + 1L;
            var entry = entries[i];
            if (entry.Sequence != expected)
                return new AuditVerificationResult.Tampered(expected, $"found seq {entry.Sequence} where seq {expected} belongs");
            if (entry.PreviousHash != previous)
                return new AuditVerificationResult.Tampered(expected, "prev does not match the hash of the entry before");
            if (!AuditChain.HasValidHash(entry))
                return new AuditVerificationResult.Tampered(expected, "content does not match its hash");
            previous = entry.Hash;
        }

        long lastMatching = 0;
        foreach (var checkpoint in ordered)
        {
            if (checkpoint.Size > entries.Count) return new AuditVerificationResult.Truncated(entries.Count, checkpoint.Size);
            var head = checkpoint.Size == 0 ? AuditChain.GenesisHash : entries[(int)checkpoint.Size - 1].Hash;
            // A chain that is consistent in itself but disagrees with a signed head was rewritten after lastMatching.
            if (head != checkpoint.HeadHash)
                return new AuditVerificationResult.Tampered(lastMatching + 1, $"entries up to seq {checkpoint.Size} do not match the signed checkpoint head");
            lastMatching = checkpoint.Size;
        }
        return new AuditVerificationResult.Ok(entries.Count, ordered.Count, previous);
    }

    /// <summary>
    /// Verifies an export file: one canonical JSON object per line, entries (type <c>moecraft.audit.v1</c>) in log order
    /// and checkpoints (type <c>moecraft.audit.checkpoint.v1</c>) anywhere. A line that is not canonical is tampering.
    /// </summary>
    public static AuditVerificationResult VerifyLines(IEnumerable<string> lines, string? trustedNodeId = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entries = new List<ChainEntry>();
        var checkpoints = new List<ChainCheckpoint>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (line.Length == 0) continue;
            JsonElement element;
            try
            {
                element = CanonicalJson.Parse(line);
            }
            catch (CanonicalJsonException ex)
            {
                return new AuditVerificationResult.Tampered(entries.Count + 1, $"line {number} is not canonical JSON: {ex.Message}");
            }
            var type = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type == AuditChain.EntryType && TryReadEntry(element) is { } entry) entries.Add(entry);
            else if (type == AuditChain.CheckpointType && TryReadCheckpoint(element) is { } checkpoint) checkpoints.Add(checkpoint);
            else if (type == AuditChain.CheckpointType) return new AuditVerificationResult.BadSignature(Size(element), $"line {number} is a malformed checkpoint");
            else return new AuditVerificationResult.Tampered(entries.Count + 1, $"line {number} is not an audit entry or checkpoint");
        }
        return Verify(entries, checkpoints, trustedNodeId);
    }

    private static string? SignatureProblem(ChainCheckpoint checkpoint, string? trustedNodeId)
    {
        if (trustedNodeId is not null && checkpoint.NodeId != trustedNodeId) return $"signed by node {checkpoint.NodeId}, not the trusted {trustedNodeId}";
        if (!NodeIds.TryGetPublicKey(checkpoint.NodeId, out var publicKey)) return "the node id is not an Ed25519 public key";
        if (checkpoint.Signature.Length != 86 || !Base64Url.IsValid(checkpoint.Signature)) return "the signature is not 64 bytes of unpadded base64url";
        var signature = Base64Url.DecodeFromChars(checkpoint.Signature);
        byte[] body;
        try
        {
            body = AuditChain.CheckpointBody(checkpoint.LogId, checkpoint.Size, checkpoint.HeadHash, checkpoint.Timestamp, checkpoint.NodeId);
        }
        catch (CanonicalJsonException ex)
        {
            return ex.Message;
        }
        return Signatures.Verify(publicKey, body, signature) ? null : "the signature does not verify";
    }

    private static ChainEntry? TryReadEntry(JsonElement e)
    {
        if (!TryLong(e, "seq", out var seq) || !TryLong(e, "ts", out var ts) || !TryString(e, "kind", out var kind) || !TryString(e, "actor", out var actor)
            || !TryString(e, "prev", out var prev) || !TryString(e, "hash", out var hash) || !e.TryGetProperty("payload", out var payload))
            return null;
        // The line is canonical, so the payload's raw text is its canonical form.
        return new ChainEntry(seq, ts, kind, actor, payload.GetRawText(), prev, hash);
    }

    private static ChainCheckpoint? TryReadCheckpoint(JsonElement e) =>
        TryString(e, "log", out var log) && TryLong(e, "size", out var size) && size >= 0 && TryString(e, "head", out var head) && TryLong(e, "ts", out var ts)
        && TryString(e, "node", out var node) && TryString(e, "signature", out var signature)
            ? new ChainCheckpoint(log, size, head, ts, node, signature)
            : null;

    private static long Size(JsonElement e) => TryLong(e, "size", out var size) ? size : -1;

    private static bool TryLong(JsonElement e, string name, out long value)
    {
        value = 0;
        return e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out value);
    }

    private static bool TryString(JsonElement e, string name, out string value)
    {
        value = e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : null!;
        return value is not null;
    }

    /// <summary>Reads an export file's lines (UTF-8).</summary>
    public static IEnumerable<string> ReadLines(string path) => File.ReadLines(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
}
