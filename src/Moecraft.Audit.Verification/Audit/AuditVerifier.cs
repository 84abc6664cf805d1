using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Moecraft.Canonical;
using Moecraft.Identity;

namespace Moecraft.Audit.Verification;

/// <summary>
/// Checks an audit log against itself and against what trusted nodes signed about it (SPEC 5.4). Only signatures by the
/// trusted node ids count (a cluster's nodes: a log written by several silos carries several signers); a checkpoint
/// by any other key is a bad signature, however well formed. Order of checks: signatures first (an unsigned claim
/// proves nothing), then the chain from seq 1 (seq, prev, hash), then each checkpoint's size and head against the
/// chain, then, for an export file, its seal. Detects edits, deletions, insertions and reorders anywhere; truncation
/// below any signed checkpoint (stored, or witnessed by a peer); for a file, a cut anywhere, since an export ends with a
/// seal signed over the head it exports. A log or file with no entries is <see cref="AuditVerificationResult.Empty"/>.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Verifies a live log: its entries (in log order) and its checkpoints, stored or witnessed by peers, in any order.</summary>
    /// <param name="entries">The log's entries, from seq 1.</param>
    /// <param name="checkpoints">Its signed checkpoints; duplicates count once.</param>
    /// <param name="trustedNodeIds">The node ids whose signatures count: at least one.</param>
    /// <exception cref="ArgumentException">No trusted node id, or one that is not a node id.</exception>
    public static AuditVerificationResult Verify(
        IReadOnlyList<ChainEntry> entries, IReadOnlyList<ChainCheckpoint> checkpoints, IReadOnlyCollection<string> trustedNodeIds)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(checkpoints);
        return Check(entries, checkpoints, seal: null, isExport: false, Trusted(trustedNodeIds));
    }

    /// <summary>
    /// Verifies an export file: one canonical JSON object per line, entries (type <c>moecraft.audit.v1</c>) in log order,
    /// checkpoints (type <c>moecraft.audit.checkpoint.v1</c>) among them, and the seal (type
    /// <c>moecraft.audit.export.v1</c>) as the last line. A line that is not canonical is tampering; a file without its
    /// seal was cut.
    /// </summary>
    /// <exception cref="ArgumentException">No trusted node id, or one that is not a node id.</exception>
    public static AuditVerificationResult VerifyLines(IEnumerable<string> lines, IReadOnlyCollection<string> trustedNodeIds)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var trusted = Trusted(trustedNodeIds);
        var entries = new List<ChainEntry>();
        var checkpoints = new List<ChainCheckpoint>();
        ChainCheckpoint? seal = null;
        var number = 0;
        using var reader = lines.GetEnumerator();
        var more = reader.MoveNext();
        while (more)
        {
            var line = reader.Current;
            number++;
            more = reader.MoveNext();
            if (line.Length == 0) continue;
            if (seal is not null)
                return new AuditVerificationResult.Tampered(entries.Count + 1, $"line {number} follows the export's seal, which ends an export");
            JsonElement element;
            try
            {
                element = CanonicalJson.Parse(line);
            }
            catch (CanonicalJsonException ex)
            {
                // A last line that breaks off is what cutting a file in the middle of a line leaves.
                return more
                    ? new AuditVerificationResult.Tampered(entries.Count + 1, $"line {number} is not canonical JSON: {ex.Message}")
                    : new AuditVerificationResult.Truncated(entries.Count, $"the file's last line ({number}) is incomplete: it was cut");
            }
            var type = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type == AuditChain.EntryType && TryReadEntry(element) is { } entry) entries.Add(entry);
            else if (type == AuditChain.CheckpointType && TryReadCheckpoint(element) is { } checkpoint) checkpoints.Add(checkpoint);
            else if (type == AuditChain.SealType && TryReadCheckpoint(element) is { } exportSeal) seal = exportSeal;
            else if (type is AuditChain.CheckpointType or AuditChain.SealType)
                return new AuditVerificationResult.BadSignature(Size(element), $"line {number} is a malformed {(type == AuditChain.SealType ? "seal" : "checkpoint")}");
            else return new AuditVerificationResult.Tampered(entries.Count + 1, $"line {number} is not an audit entry, checkpoint or seal");
        }
        return Check(entries, checkpoints, seal, isExport: true, trusted);
    }

    /// <summary>Reads an export file's lines (UTF-8).</summary>
    public static IEnumerable<string> ReadLines(string path) => File.ReadLines(path, new UTF8Encoding(false, throwOnInvalidBytes: true));

    private static AuditVerificationResult Check(
        IReadOnlyList<ChainEntry> entries, IReadOnlyList<ChainCheckpoint> checkpoints, ChainCheckpoint? seal, bool isExport, HashSet<string> trusted)
    {
        var ordered = checkpoints.Distinct().OrderBy(c => c.Size).ThenBy(c => c.Timestamp).ToList();
        foreach (var checkpoint in ordered)
        {
            if (SignatureProblem(checkpoint, AuditChain.CheckpointType, trusted) is { } problem)
                return new AuditVerificationResult.BadSignature(checkpoint.Size, problem);
        }
        if (seal is not null && SignatureProblem(seal, AuditChain.SealType, trusted) is { } sealProblem)
            return new AuditVerificationResult.BadSignature(seal.Size, $"the export's seal: {sealProblem}");
        var logs = ordered.Select(c => c.LogId).Concat(seal is null ? [] : [seal.LogId]).Distinct(StringComparer.Ordinal).ToList();
        if (logs.Count > 1)
            return new AuditVerificationResult.BadSignature(seal?.Size ?? ordered[^1].Size, $"signed statements about more than one log ({string.Join(", ", logs)})");

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
            if (checkpoint.Size > entries.Count)
                return new AuditVerificationResult.Truncated(entries.Count, $"a checkpoint signed by node {checkpoint.NodeId} covers {checkpoint.Size} entries");
            // A chain that is consistent in itself but disagrees with a signed head was rewritten after lastMatching.
            if (HeadAt(entries, checkpoint.Size) != checkpoint.HeadHash)
                return new AuditVerificationResult.Tampered(lastMatching + 1, $"entries up to seq {checkpoint.Size} do not match the signed checkpoint head");
            lastMatching = checkpoint.Size;
        }

        if (isExport && SealFinding(entries, seal, lastMatching) is { } finding) return finding;
        if (entries.Count == 0) return new AuditVerificationResult.Empty("the log has no entries (is the log id right?)");
        return new AuditVerificationResult.Ok(entries.Count, ordered.Count, previous);
    }

    // An export ends with its seal over exactly the entries it holds: anything else was cut, or added after sealing.
    private static AuditVerificationResult? SealFinding(IReadOnlyList<ChainEntry> entries, ChainCheckpoint? seal, long lastMatching)
    {
        if (seal is null)
        {
            return entries.Count == 0
                ? new AuditVerificationResult.Empty("the file holds no audit entries")
                : new AuditVerificationResult.Truncated(entries.Count, "the file does not end with the export's seal, so it was cut and what followed is missing");
        }
        if (seal.Size > entries.Count)
            return new AuditVerificationResult.Truncated(entries.Count, $"the export's seal, signed by node {seal.NodeId}, covers {seal.Size} entries");
        if (seal.Size < entries.Count)
            return new AuditVerificationResult.Tampered(seal.Size + 1, $"entries follow seq {seal.Size}, the head the export sealed");
        if (HeadAt(entries, seal.Size) != seal.HeadHash)
            return new AuditVerificationResult.Tampered(lastMatching + 1, $"entries up to seq {seal.Size} do not match the head the export sealed");
        return null;
    }

    private static string HeadAt(IReadOnlyList<ChainEntry> entries, long size) => size == 0 ? AuditChain.GenesisHash : entries[(int)size - 1].Hash;

    private static HashSet<string> Trusted(IReadOnlyCollection<string> trustedNodeIds)
    {
        ArgumentNullException.ThrowIfNull(trustedNodeIds);
        if (trustedNodeIds.Count == 0)
            throw new ArgumentException("Verifying an audit log needs at least one trusted node id: the cluster's nodes, or those named.", nameof(trustedNodeIds));
        foreach (var id in trustedNodeIds)
        {
            if (!NodeIds.TryGetPublicKey(id, out _))
                throw new ArgumentException($"'{id}' is not a node id (43 characters of unpadded base64url).", nameof(trustedNodeIds));
        }
        return trustedNodeIds.ToHashSet(StringComparer.Ordinal);
    }

    private static string? SignatureProblem(ChainCheckpoint checkpoint, string type, HashSet<string> trusted)
    {
        if (!trusted.Contains(checkpoint.NodeId)) return $"signed by node {checkpoint.NodeId}, which is not a trusted node ({TrustedNames(trusted)})";
        if (!NodeIds.TryGetPublicKey(checkpoint.NodeId, out var publicKey)) return "the node id is not an Ed25519 public key";
        if (checkpoint.Signature.Length != 86 || !Base64Url.IsValid(checkpoint.Signature)) return "the signature is not 64 bytes of unpadded base64url";
        var signature = Base64Url.DecodeFromChars(checkpoint.Signature);
        byte[] body;
        try
        {
            body = AuditChain.SignedBody(type, checkpoint.LogId, checkpoint.Size, checkpoint.HeadHash, checkpoint.Timestamp, checkpoint.NodeId);
        }
        catch (CanonicalJsonException ex)
        {
            return ex.Message;
        }
        return Signatures.Verify(publicKey, body, signature) ? null : "the signature does not verify";
    }

    private static string TrustedNames(HashSet<string> trusted) =>
        trusted.Count <= 4 ? "trusted: " + string.Join(", ", trusted.Order(StringComparer.Ordinal)) : $"{trusted.Count} trusted";

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
}
