using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Moecraft.Ledger;
using Moecraft.Hosting.Schema;

namespace Moecraft.Hosting.Ledger;

/// <summary>
/// The ledger table in the grain-storage database (SQLite or PostgreSQL), through plain ADO.NET. The SQL is the same for
/// both: the schema scripts give both databases identical columns and integer units.
/// </summary>
public sealed class SqlLedgerStore(StorageProvider provider, string connectionString) : ILedgerStore
{
    private const string Columns =
        "TenantId, RequestId, TimestampTicks, RouterId, Epoch, Experts, Scores, Confidence, Policy, InputTokens, OutputTokens, "
        + "CostNanos, BaselineCostNanos, SavingsNanos, LatencyMs, CacheHit, Outcome";

    private const string InsertSql =
        "INSERT INTO moecraft_ledger (" + Columns + ") VALUES (@TenantId, @RequestId, @TimestampTicks, @RouterId, @Epoch, @Experts, "
        + "@Scores, @Confidence, @Policy, @InputTokens, @OutputTokens, @CostNanos, @BaselineCostNanos, @SavingsNanos, @LatencyMs, "
        + "@CacheHit, @Outcome) ON CONFLICT (TenantId, RequestId) DO NOTHING";

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


    public async Task AppendAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0) return;

        await using var connection = await DbConnections.OpenAsync(provider, connectionString, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(InsertSql);
        command.Transaction = transaction;
        var p = new Dictionary<string, DbParameter>(StringComparer.Ordinal);
        foreach (var name in Columns.Split(", ")) p[name] = command.AddParameter(name);

        foreach (var entry in batch)
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
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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

        // SUM over bigint is numeric in PostgreSQL and integer in SQLite; Convert reads both.
        long Int(int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
        return new LedgerCostSummary(
            tenantId, from, to,
            Requests: Int(0),
            CacheHits: Int(1),
            Cost: LedgerMoney.FromNanos(Int(2)),
            BaselineCost: LedgerMoney.FromNanos(Int(3)),
            Savings: LedgerMoney.FromNanos(Int(4)),
            InputTokens: Int(5),
            OutputTokens: Int(6));
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

        var rows = new List<(LedgerCursor, LedgerEntry)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long Int(int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
            var ticks = Int(3);
            var entry = new LedgerEntry(
                TenantId: reader.GetString(1),
                RequestId: reader.GetString(2),
                Timestamp: new DateTimeOffset(ticks, TimeSpan.Zero),
                RouterId: reader.GetString(4),
                Epoch: checked((int)Int(5)),
                Experts: [.. JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? []],
                Scores: [.. JsonSerializer.Deserialize<double[]>(reader.GetString(7)) ?? []],
                Confidence: reader.GetDouble(8),
                Policy: reader.GetString(9),
                InputTokens: Int(10),
                OutputTokens: Int(11),
                Cost: LedgerMoney.FromNanos(Int(12)),
                BaselineCost: LedgerMoney.FromNanos(Int(13)),
                LatencyMs: Int(15),
                CacheHit: Int(16) != 0,
                Outcome: (LedgerOutcome)Int(17));
            rows.Add((new LedgerCursor(ticks, Int(0)), entry));
        }
        return rows;
    }


}
