namespace Moecraft.Audit;

/// <summary>
/// Where audit entries and checkpoints are kept: one row per entry, so an append never rewrites the log. The key
/// (log id, seq) is unique: an append at a taken sequence reports false and writes nothing, which is what stops a
/// second activation of the log's grain from forking the chain.
/// </summary>
public interface IAuditStore
{
    /// <summary>The last entry of <paramref name="logId"/>, or null when it is empty.</summary>
    Task<AuditEntry?> ReadLastAsync(string logId, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="entry"/>; false (and nothing written) when its sequence is taken.</summary>
    Task<bool> TryAppendAsync(string logId, AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="count"/> entries from <paramref name="fromSequence"/>, in order.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(string logId, long fromSequence, int count, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="checkpoint"/>; false (and nothing written) when the log already has one of that size.</summary>
    Task<bool> TryAddCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The largest checkpoint of <paramref name="logId"/>, or null when it has none.</summary>
    Task<AuditCheckpoint?> ReadLastCheckpointAsync(string logId, CancellationToken cancellationToken = default);

    /// <summary>All checkpoints of <paramref name="logId"/>, smallest size first.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string logId, CancellationToken cancellationToken = default);
}
