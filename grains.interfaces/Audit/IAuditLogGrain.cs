using System.Collections.Immutable;

namespace Moecraft.Audit;

/// <summary>
/// A hash-chained, append-only audit log (SPEC 5.4), keyed by log id (<see cref="AuditLogs.Cluster"/>, or a node id).
/// Entries live in the database one row each; the row key (log, seq) makes a second writer's append fail rather than fork.
/// </summary>
[Alias("moecraft.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="record"/> as entry <paramref name="expectedSequence"/>, which must be the log's next.</summary>
    /// <returns>The entry as stored, hash included.</returns>
    /// <exception cref="AuditSequenceException"><paramref name="expectedSequence"/> is not the next sequence; nothing changed.</exception>
    /// <exception cref="ArgumentException">A bad log id, kind, actor or payload; nothing changed.</exception>
    [Alias("AppendAt")]
    Task<AuditEntry> Append(AuditRecord record, long expectedSequence);

    /// <summary>Appends <paramref name="record"/> at the head, whatever its sequence.</summary>
    /// <exception cref="ArgumentException">A bad log id, kind, actor or payload; nothing changed.</exception>
    [Alias("Append")]
    Task<AuditEntry> Append(AuditRecord record);

    /// <summary>Up to <paramref name="count"/> (1 to 1000) entries from <paramref name="fromSequence"/> (at least 1), in order.</summary>
    [Alias("Read")]
    Task<ImmutableArray<AuditEntry>> Read(long fromSequence, int count);

    /// <summary>The log's size and head hash.</summary>
    [Alias("GetHead")]
    Task<AuditHead> GetHead();

    /// <summary>Signs (log, size, head hash, time) with the node key; returns the existing checkpoint when the head is already covered.</summary>
    [Alias("Checkpoint")]
    Task<AuditCheckpoint> Checkpoint();

    /// <summary>Every checkpoint of the log, smallest size first.</summary>
    [Alias("GetCheckpoints")]
    Task<ImmutableArray<AuditCheckpoint>> GetCheckpoints();

    /// <summary>
    /// Signs, with the node key, the seal an export of entries 1 to <paramref name="size"/> ends with: entry
    /// <paramref name="size"/>'s hash as stored now. Writes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A bad log id, or the log has no entry <paramref name="size"/>; nothing was signed.</exception>
    [Alias("SealExport")]
    Task<AuditExportSeal> SealExport(long size);
}
