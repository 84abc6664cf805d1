namespace Moecraft.Audit.Verification;

/// <summary>
/// The lines of an export file (SPEC 5.4), in log order: each entry, each checkpoint right after the entry it covers,
/// and last the seal signed at export time over the head exported. A file cut anywhere loses its seal, which is how
/// <see cref="AuditVerifier.VerifyLines"/> tells a cut file from a whole one.
/// </summary>
public static class AuditExportFile
{
    public const string MediaType = "application/jsonl";

    /// <summary>The file's lines (canonical JSON, no newlines).</summary>
    /// <exception cref="ArgumentException">The seal does not cover exactly <paramref name="entries"/>.</exception>
    public static IEnumerable<string> Lines(IReadOnlyList<ChainEntry> entries, IReadOnlyList<ChainCheckpoint> checkpoints, ChainCheckpoint seal)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(seal);
        if (entries.Count == 0 || seal.Size != entries.Count || seal.HeadHash != entries[^1].Hash)
            throw new ArgumentException($"An export's seal covers exactly the entries exported: {entries.Count} entries, but the seal covers {seal.Size}.", nameof(seal));
        return Ordered(entries, checkpoints, seal);
    }

    private static IEnumerable<string> Ordered(IReadOnlyList<ChainEntry> entries, IReadOnlyList<ChainCheckpoint> checkpoints, ChainCheckpoint seal)
    {
        var pending = new Queue<ChainCheckpoint>(checkpoints.OrderBy(c => c.Size));
        foreach (var entry in entries)
        {
            while (pending.TryPeek(out var before) && before.Size < entry.Sequence) yield return AuditChain.CheckpointLine(pending.Dequeue());
            yield return AuditChain.EntryLine(entry);
        }
        while (pending.TryDequeue(out var checkpoint)) yield return AuditChain.CheckpointLine(checkpoint);
        yield return AuditChain.SealLine(seal);
    }
}
