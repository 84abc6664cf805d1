using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Moecraft.Hosting.Schema;
using Moecraft.Ledger;
using Moecraft.Routing;
using Orleans.Serialization;

namespace Moecraft.Hosting.Ledger;

/// <summary>
/// The ledger and answer tables in the grain-storage database (SQLite or PostgreSQL), through plain ADO.NET. The SQL is
/// the same for both: the schema scripts give both databases identical columns and integer units. A stored answer's
/// result is kept in Orleans' binary format, which honours the contracts' <c>[Id]</c>s as they evolve.
/// </summary>
public sealed class SqlLedgerStore(StorageProvider provider, string connectionString, Serializer serializer, DatabaseWriteGate gate) : ILedgerStore
{
    private const string Columns =
        "TenantId, RequestId, TimestampTicks, RouterId, Epoch, Experts, Scores, Confidence, Policy, InputTokens, OutputTokens, "
        + "CostNanos, BaselineCostNanos, SavingsNanos, LatencyMs, CacheHit, Outcome";

    private const string InsertSql =
        "INSERT INTO moecraft_ledger (" + Columns + ") VALUES (@TenantId, @RequestId, @TimestampTicks, @RouterId, @Epoch, @Experts, "
        + "@Scores, @Confidence, @Policy, @InputTokens, @OutputTokens, @CostNanos, @BaselineCostNanos, @SavingsNanos, @LatencyMs, "
        + "@CacheHit, @Outcome) ON CONFLICT (TenantId, RequestId) DO NOTHING";

    private const string AnswerColumns = "TenantId, RequestId, TimestampTicks, RouterId, Prompt, Experts, Result";

    private const string InsertAnswerSql =
        "INSERT INTO moecraft_answer (" + AnswerColumns + ") VALUES (@TenantId, @RequestId, @TimestampTicks, @RouterId, @Prompt, "
        + "@Experts, @Result) ON CONFLICT (TenantId, RequestId) DO NOTHING";

    private const string FindSql = "SELECT Id, " + Columns + " FROM moecraft_ledger WHERE TenantId = @TenantId AND RequestId = @RequestId";

    private const string RecallSql = "SELECT " + AnswerColumns + " FROM moecraft_answer WHERE TenantId = @TenantId AND RequestId = @RequestId";

    private const string ChargedSql = """
        SELECT COALESCE(SUM(CostNanos), 0), COALESCE(SUM(1 - CacheHit), 0)
        FROM moecraft_ledger
        WHERE TenantId = @TenantId AND TimestampTicks >= @FromTicks AND Outcome = 0
        """;

    private const string RecentSql =
        "SELECT Id, " + Columns + " FROM moecraft_ledger WHERE TenantId = @TenantId AND TimestampTicks >= @FromTicks "
        + "ORDER BY TimestampTicks DESC, Id DESC LIMIT @Limit";

    private const string CostSql = """
        SELECT COUNT(*), COALESCE(SUM(CacheHit), 0), COALESCE(SUM(CostNanos), 0), COALESCE(SUM(BaselineCostNanos), 0),
               COALESCE(SUM(SavingsNanos), 0), COALESCE(SUM(InputTokens), 0), COALESCE(SUM(OutputTokens), 0)
        FROM moecraft_ledger
        WHERE TenantId = @TenantId AND TimestampTicks >= @FromTicks AND TimestampTicks < @ToTicks
        """;

    private const string HistorySql =
        "SELECT Id, " + Columns + " FROM moecraft_ledger WHERE TenantId = @TenantId "
        + "ORDER BY TimestampTicks DESC, Id DESC LIMIT @Limit";

    private const string HistoryBeforeSql =
        "SELECT Id, " + Columns + " FROM moecraft_ledger WHERE TenantId = @TenantId "
        + "AND (TimestampTicks < @BeforeTicks OR (TimestampTicks = @BeforeTicks AND Id < @BeforeId)) "
        + "ORDER BY TimestampTicks DESC, Id DESC LIMIT @Limit";

    public Task<IReadOnlyList<LedgerCommit>> WriteAsync(IReadOnlyList<Settlement> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Count == 0 ? Task.FromResult<IReadOnlyList<LedgerCommit>>([]) : gate.RunAsync(() => WriteBatchAsync(batch, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyList<LedgerCommit>> WriteBatchAsync(IReadOnlyList<Settlement> batch, CancellationToken cancellationToken)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        if (provider == StorageProvider.Sqlite)
        {
            // As grain storage writes: in WAL mode a commit is on disk in the OS before it returns, so a killed process
            // loses nothing; only a power loss can roll back the last commits (FULL would sync the disk on each one).
            await using var pragma = connection.Command("PRAGMA synchronous = NORMAL;");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var transaction = await connection.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var insertLine = connection.Command(InsertSql);
        insertLine.Transaction = transaction;
        var line = new Dictionary<string, DbParameter>(StringComparer.Ordinal);
        foreach (var name in Columns.Split(", ")) line[name] = insertLine.AddParameter(name);
        await using var insertAnswer = connection.Command(InsertAnswerSql);
        insertAnswer.Transaction = transaction;
        var answer = new Dictionary<string, DbParameter>(StringComparer.Ordinal);
        foreach (var name in AnswerColumns.Split(", ")) answer[name] = insertAnswer.AddParameter(name);

        var results = new List<LedgerCommit>(batch.Count);
        foreach (var settlement in batch)
        {
            if (settlement.Line is { } entry)
            {
                Bind(line, entry);
                if (await insertLine.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    // The key is taken: nothing of this settlement is written; the caller learns what was stored first.
                    results.Add(new LedgerCommit(false, await FindAsync(connection, transaction, entry.TenantId, entry.RequestId, cancellationToken).ConfigureAwait(false)));
                    continue;
                }
            }
            if (settlement.Answer is { } stored)
            {
                Bind(answer, stored);
                if (await insertAnswer.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0 && settlement.Line is null)
                {
                    results.Add(new LedgerCommit(false, null));
                    continue;
                }
            }
            results.Add(LedgerCommit.Stored);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    public async Task<StoredAnswer?> RecallAsync(string tenantId, string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(RecallSql);
        command.AddParameter("TenantId", tenantId);
        command.AddParameter("RequestId", requestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new StoredAnswer(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(3),
            reader.GetString(4),
            [.. JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? []],
            new DateTimeOffset(Int(reader, 2), TimeSpan.Zero),
            reader.IsDBNull(6) ? null : ReadResult((byte[])reader.GetValue(6)));
    }

    public async Task<LedgerEntry?> FindAsync(string tenantId, string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, null, tenantId, requestId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TenantCharges> GetChargesAsync(
        string tenantId, DateTimeOffset periodStart, DateTimeOffset recentSince, int recentLimit, CancellationToken cancellationToken)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        long spent, requests;
        await using (var charged = connection.Command(ChargedSql))
        {
            charged.AddParameter("TenantId", tenantId);
            charged.AddParameter("FromTicks", periodStart.UtcTicks);
            await using var reader = await charged.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) throw new InvalidOperationException("The ledger charge query returned no row.");
            (spent, requests) = (Int(reader, 0), Int(reader, 1));
        }
        await using var recent = connection.Command(RecentSql);
        recent.AddParameter("TenantId", tenantId);
        recent.AddParameter("FromTicks", recentSince.UtcTicks);
        recent.AddParameter("Limit", recentLimit);
        var lines = await ReadEntriesAsync(recent, cancellationToken).ConfigureAwait(false);
        return new TenantCharges(LedgerMoney.FromNanos(spent), requests, [.. lines.Select(l => l.Entry)]);
    }

    public async Task<LedgerCostSummary> GetCostAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(CostSql);
        command.AddParameter("TenantId", tenantId);
        command.AddParameter("FromTicks", from.UtcTicks);
        command.AddParameter("ToTicks", to.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException("The ledger cost query returned no row.");
        return new LedgerCostSummary(
            tenantId, from, to,
            Requests: Int(reader, 0),
            CacheHits: Int(reader, 1),
            Cost: LedgerMoney.FromNanos(Int(reader, 2)),
            BaselineCost: LedgerMoney.FromNanos(Int(reader, 3)),
            Savings: LedgerMoney.FromNanos(Int(reader, 4)),
            InputTokens: Int(reader, 5),
            OutputTokens: Int(reader, 6));
    }

    public async Task<IReadOnlyList<(LedgerCursor Position, LedgerEntry Entry)>> GetHistoryAsync(
        string tenantId, LedgerCursor? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(before is null ? HistorySql : HistoryBeforeSql);
        command.AddParameter("TenantId", tenantId);
        command.AddParameter("Limit", limit);
        if (before is { } cursor)
        {
            command.AddParameter("BeforeTicks", cursor.TimestampTicks);
            command.AddParameter("BeforeId", cursor.Id);
        }
        return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LedgerEntry?> FindAsync(DbConnection connection, DbTransaction? transaction, string tenantId, string requestId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(FindSql);
        command.Transaction = transaction;
        command.AddParameter("TenantId", tenantId);
        command.AddParameter("RequestId", requestId);
        var rows = await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0].Entry;
    }

    // Reads rows of "Id, <Columns>".
    private static async Task<List<(LedgerCursor Position, LedgerEntry Entry)>> ReadEntriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(LedgerCursor, LedgerEntry)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var ticks = Int(reader, 3);
            var entry = new LedgerEntry(
                TenantId: reader.GetString(1),
                RequestId: reader.GetString(2),
                Timestamp: new DateTimeOffset(ticks, TimeSpan.Zero),
                RouterId: reader.GetString(4),
                Epoch: checked((int)Int(reader, 5)),
                Experts: [.. JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? []],
                Scores: [.. JsonSerializer.Deserialize<double[]>(reader.GetString(7)) ?? []],
                Confidence: reader.GetDouble(8),
                Policy: reader.GetString(9),
                InputTokens: Int(reader, 10),
                OutputTokens: Int(reader, 11),
                Cost: LedgerMoney.FromNanos(Int(reader, 12)),
                BaselineCost: LedgerMoney.FromNanos(Int(reader, 13)),
                LatencyMs: Int(reader, 15),
                CacheHit: Int(reader, 16) != 0,
                Outcome: (LedgerOutcome)Int(reader, 17));
            rows.Add((new LedgerCursor(ticks, Int(reader, 0)), entry));
        }
        return rows;
    }

    // SUM over bigint is numeric in PostgreSQL and integer in SQLite; Convert reads both.
    private static long Int(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static void Bind(Dictionary<string, DbParameter> p, LedgerEntry entry)
    {
        p["TenantId"].Value = entry.TenantId;
        p["RequestId"].Value = entry.RequestId;
        p["TimestampTicks"].Value = entry.Timestamp.UtcTicks;
        p["RouterId"].Value = entry.RouterId;
        p["Epoch"].Value = entry.Epoch;
        p["Experts"].Value = JsonSerializer.Serialize(entry.Experts.ToArray());
        p["Scores"].Value = JsonSerializer.Serialize(entry.Scores.ToArray());
        p["Confidence"].Value = entry.Confidence;
        p["Policy"].Value = entry.Policy;
        p["InputTokens"].Value = entry.InputTokens;
        p["OutputTokens"].Value = entry.OutputTokens;
        p["CostNanos"].Value = LedgerMoney.ToNanos(entry.Cost);
        p["BaselineCostNanos"].Value = LedgerMoney.ToNanos(entry.BaselineCost);
        p["SavingsNanos"].Value = LedgerMoney.ToNanos(entry.BaselineCost) - LedgerMoney.ToNanos(entry.Cost);
        p["LatencyMs"].Value = entry.LatencyMs;
        p["CacheHit"].Value = (short)(entry.CacheHit ? 1 : 0);
        p["Outcome"].Value = (short)entry.Outcome;
    }

    private void Bind(Dictionary<string, DbParameter> p, StoredAnswer answer)
    {
        p["TenantId"].Value = answer.TenantId;
        p["RequestId"].Value = answer.RequestId;
        p["TimestampTicks"].Value = answer.At.UtcTicks;
        p["RouterId"].Value = answer.RouterId;
        p["Prompt"].Value = answer.Prompt;
        p["Experts"].Value = JsonSerializer.Serialize(answer.Experts.ToArray());
        p["Result"].Value = answer.Result is null ? DBNull.Value : serializer.SerializeToArray(answer.Result);
    }

    private AskResult? ReadResult(byte[] bytes)
    {
        try
        {
            return serializer.Deserialize<AskResult>(bytes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An answer this version cannot read is still a stored answer: feedback needs only the other columns.
            return null;
        }
    }
}
