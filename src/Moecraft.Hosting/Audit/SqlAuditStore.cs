using System.Data.Common;
using System.Globalization;
using Moecraft.Audit;
using Moecraft.Hosting.Schema;

namespace Moecraft.Hosting.Audit;

/// <summary>
/// Audit entries and checkpoints in the grain-storage database (SQLite or PostgreSQL), one row each, through plain
/// ADO.NET; the same SQL serves both. <c>ON CONFLICT DO NOTHING</c> on the (log, seq) key is the expected-sequence check.
/// </summary>
public sealed class SqlAuditStore(StorageProvider provider, string connectionString) : IAuditStore
{
    private const string EntryColumns = "Seq, Ts, Kind, Actor, Payload, PrevHash, Hash";
    private const string CheckpointColumns = "LogId, Size, HeadHash, Ts, NodeId, Signature";

    public async Task<AuditEntry?> ReadLastAsync(string logId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryEntriesAsync(
            $"SELECT {EntryColumns} FROM moecraft_audit WHERE LogId = @LogId ORDER BY Seq DESC LIMIT 1", logId, null, 1, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<bool> TryAppendAsync(string logId, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"INSERT INTO moecraft_audit (LogId, {EntryColumns}) VALUES (@LogId, @Seq, @Ts, @Kind, @Actor, @Payload, @PrevHash, @Hash) "
            + "ON CONFLICT (LogId, Seq) DO NOTHING");
        command.AddParameter("LogId", logId);
        command.AddParameter("Seq", entry.Sequence);
        command.AddParameter("Ts", entry.Timestamp);
        command.AddParameter("Kind", entry.Kind);
        command.AddParameter("Actor", entry.Actor);
        command.AddParameter("Payload", entry.Payload);
        command.AddParameter("PrevHash", entry.PreviousHash);
        command.AddParameter("Hash", entry.Hash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(string logId, long fromSequence, int count, CancellationToken cancellationToken = default) =>
        QueryEntriesAsync($"SELECT {EntryColumns} FROM moecraft_audit WHERE LogId = @LogId AND Seq >= @From ORDER BY Seq LIMIT @Limit",
            logId, fromSequence, count, cancellationToken);

    public async Task<bool> TryAddCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            $"INSERT INTO moecraft_audit_checkpoint ({CheckpointColumns}) VALUES (@LogId, @Size, @HeadHash, @Ts, @NodeId, @Signature) "
            + "ON CONFLICT (LogId, Size) DO NOTHING");
        command.AddParameter("LogId", checkpoint.LogId);
        command.AddParameter("Size", checkpoint.Size);
        command.AddParameter("HeadHash", checkpoint.HeadHash);
        command.AddParameter("Ts", checkpoint.Timestamp);
        command.AddParameter("NodeId", checkpoint.NodeId);
        command.AddParameter("Signature", checkpoint.Signature);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<AuditCheckpoint?> ReadLastCheckpointAsync(string logId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryCheckpointsAsync(
            $"SELECT {CheckpointColumns} FROM moecraft_audit_checkpoint WHERE LogId = @LogId ORDER BY Size DESC LIMIT 1", logId, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string logId, CancellationToken cancellationToken = default) =>
        QueryCheckpointsAsync($"SELECT {CheckpointColumns} FROM moecraft_audit_checkpoint WHERE LogId = @LogId ORDER BY Size", logId, cancellationToken);

    private async Task<IReadOnlyList<AuditCheckpoint>> QueryCheckpointsAsync(string sql, string logId, CancellationToken cancellationToken)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(sql);
        command.AddParameter("LogId", logId);
        var rows = new List<AuditCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(new AuditCheckpoint(reader.GetString(0), reader.Int64At(1), reader.GetString(2), reader.Int64At(3), reader.GetString(4), reader.GetString(5)));
        return rows;
    }

    private async Task<IReadOnlyList<AuditEntry>> QueryEntriesAsync(string sql, string logId, long? from, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(sql);
        command.AddParameter("LogId", logId);
        if (from is { } value) command.AddParameter("From", value);
        command.AddParameter("Limit", limit);
        var rows = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new AuditEntry(reader.Int64At(0), reader.Int64At(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6)));
        }
        return rows;
    }
}
