using System.Collections.Concurrent;
using System.Text.Json;
using Moecraft.Federation;
using Moecraft.Hosting.Schema;

namespace Moecraft.Hosting.Knowledge;

/// <summary>
/// Knowledge feeds in the grain-storage database (SQLite or PostgreSQL), one row per packet, through plain ADO.NET; the
/// same SQL serves both. A batch is one transaction, and <c>ON CONFLICT DO NOTHING</c> on the (holder, origin, seq) key
/// is the expected-sequence check: a row that inserts nothing rolls the whole batch back.
/// </summary>
public sealed class SqlKnowledgeStore(StorageProvider provider, string connectionString) : IKnowledgeStore
{
    private static readonly string SqliteWritePragmas =
        $"PRAGMA busy_timeout = {DbConnections.CommandTimeoutSeconds * 1000}; PRAGMA synchronous = NORMAL;";

    // Feed appends to one SQLite file take turns within the process (every feed grain of a silo, and every silo of a
    // process on one file): SQLite has one writer, and queueing here costs a waiter nothing, where waiting in the busy
    // handler sleeps up to 100 ms at a time. Other writers (grain storage, the ledger) still meet the busy handler.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim? _writer = provider == StorageProvider.Sqlite ? SqliteWriters.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1)) : null;

    public async Task<IReadOnlyList<StoredPacket>> ReadAsync(string holder, string origin, long afterSeq, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT ReceivedFrom, ReceivedAt, Packet FROM moecraft_feed WHERE Holder = @Holder AND Origin = @Origin AND Seq > @After ORDER BY Seq LIMIT @Limit");
        command.AddParameter("Holder", holder);
        command.AddParameter("Origin", origin);
        command.AddParameter("After", afterSeq);
        command.AddParameter("Limit", max);
        var rows = new List<StoredPacket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var packet = JsonSerializer.Deserialize<KnowledgePacket>(reader.GetString(2))
                ?? throw new InvalidDataException($"Feed {holder}/{origin} holds an empty packet row.");
            rows.Add(new StoredPacket(packet, reader.GetString(0), reader.Int64At(1)));
        }
        return rows;
    }

    public async Task<bool> TryAppendAsync(string holder, string origin, IReadOnlyList<StoredPacket> packets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packets);
        if (packets.Count == 0) return true;
        // Serialized before the write lock is taken: SQLite has one writer, and it should hold the lock only to insert.
        var rows = new string[packets.Count];
        for (var i = 0; i < packets.Count; i++)
        {
            var packet = packets[i].Packet;
            if (packet.Origin != origin) throw new ArgumentException($"Feed {holder}/{origin} cannot hold a packet of {packet.Origin}.", nameof(packets));
            rows[i] = JsonSerializer.Serialize(packet);
        }
        if (_writer is null) return await InsertAsync(holder, origin, packets, rows, cancellationToken).ConfigureAwait(false);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await InsertAsync(holder, origin, packets, rows, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Inserts the rows of <paramref name="packets"/> in one transaction; false and nothing written when a sequence is taken.</summary>
    private async Task<bool> InsertAsync(string holder, string origin, IReadOnlyList<StoredPacket> packets, string[] rows, CancellationToken cancellationToken)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        if (provider == StorageProvider.Sqlite)
        {
            // Another writer (grain storage, the ledger, another process on the file) makes SQLite wait in its own busy
            // handler, which first retries within milliseconds, rather than in Microsoft.Data.Sqlite's 150 ms sleeps. As grain
            // storage and the ledger write: in WAL mode a commit is on disk in the OS before it returns, so a killed process
            // loses nothing (FULL would sync the disk on each batch).
            await using var pragma = connection.Command(SqliteWritePragmas);
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var transaction = await connection.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO moecraft_feed (Holder, Origin, Seq, PacketId, ReceivedFrom, ReceivedAt, Packet) "
            + "VALUES (@Holder, @Origin, @Seq, @PacketId, @ReceivedFrom, @ReceivedAt, @Packet) ON CONFLICT (Holder, Origin, Seq) DO NOTHING");
        command.Transaction = transaction;
        command.AddParameter("Holder", holder);
        command.AddParameter("Origin", origin);
        var seq = command.AddParameter("Seq");
        var id = command.AddParameter("PacketId");
        var from = command.AddParameter("ReceivedFrom");
        var at = command.AddParameter("ReceivedAt");
        var json = command.AddParameter("Packet");
        for (var i = 0; i < packets.Count; i++)
        {
            var stored = packets[i];
            (seq.Value, id.Value, from.Value, at.Value, json.Value) = (stored.Packet.Seq, stored.Packet.Id, stored.ReceivedFrom, stored.ReceivedAt, rows[i]);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<string?> ReadForkAsync(string holder, string origin, CancellationToken cancellationToken = default)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT Detail FROM moecraft_feed_fork WHERE Holder = @Holder AND Origin = @Origin");
        command.AddParameter("Holder", holder);
        command.AddParameter("Origin", origin);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task MarkForkedAsync(string holder, string origin, string detail, CancellationToken cancellationToken = default)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO moecraft_feed_fork (Holder, Origin, Detail) VALUES (@Holder, @Origin, @Detail) ON CONFLICT (Holder, Origin) DO NOTHING");
        command.AddParameter("Holder", holder);
        command.AddParameter("Origin", origin);
        command.AddParameter("Detail", detail);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
