using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Moecraft.Hosting;
using Moecraft.Hosting.Schema;
using Npgsql;
using Xunit;

namespace Moecraft.Tests.Infrastructure;

/// <summary>
/// The embedded schema scripts against real databases: a throwaway PostgreSQL server and a temp SQLite
/// file. Checks that applying them is repeatable and safe from concurrent silos, that every query key
/// Orleans 10 demands is registered, and that the registered SQL keeps the optimistic-version contract.
/// </summary>
public sealed class PostgresSchemaTests
{
    // Orleans refuses to start a provider when one of these keys is missing from OrleansQuery.
    private static readonly string[] ClusteringQueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    // DeleteStorageKey is only required with DeleteStateOnClear = true; we register it everywhere.
    private static readonly string[] PersistenceQueryKeys =
        ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    private static readonly string[] ReminderQueryKeys =
    [
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static readonly string[] PostgreSqlTables =
    [
        "orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable",
    ];

    [Fact]
    public async Task PostgreSql_schema_applies_concurrently_and_repeatedly()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("schema_apply");

        // Three silos booting at once against a fresh database, then two more ordinary restarts.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => DatabaseSchema.EnsureCreatedAsync(StorageProvider.PostgreSql, connectionString))));

        // A re-run must also repair query text, as a newer script version would.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await TamperWithWriteQueryAsync(connection);

        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.PostgreSql, connectionString);
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.PostgreSql, connectionString);
        await AssertWriteQueryRepairedAsync(connection);

        var tables = await ReadStringsAsync(connection,
            "SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = current_schema()");
        Assert.All(PostgreSqlTables, table => Assert.Contains(table, tables));

        var keys = await ReadStringsAsync(connection, "SELECT QueryKey FROM OrleansQuery");
        Assert.All(ClusteringQueryKeys.Concat(PersistenceQueryKeys).Concat(ReminderQueryKeys), key => Assert.Contains(key, keys));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());

        var applied = await ReadStringsAsync(connection, "SELECT ScriptName FROM MoecraftSchemaVersion ORDER BY ScriptName");
        Assert.Equal(DatabaseSchema.GetScriptNames(StorageProvider.PostgreSql), applied);
    }

    [Fact]
    public async Task Sqlite_schema_applies_concurrently_and_repeatedly()
    {
        var directory = Path.Combine(Path.GetTempPath(), "moecraft-sqlite-" + Guid.NewGuid().ToString("N"));
        var connectionString = new SqliteConnectionStringBuilder
        {
            // A directory that does not exist yet: EnsureCreatedAsync must create it.
            DataSource = Path.Combine(directory, "nested", "orleans.db"),
            Pooling = false,
        }.ConnectionString;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
                Task.Run(() => DatabaseSchema.EnsureCreatedAsync(StorageProvider.Sqlite, connectionString))));

            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await TamperWithWriteQueryAsync(connection);

            await DatabaseSchema.EnsureCreatedAsync(StorageProvider.Sqlite, connectionString);
            await DatabaseSchema.EnsureCreatedAsync(StorageProvider.Sqlite, connectionString);
            await AssertWriteQueryRepairedAsync(connection);

            var tables = await ReadStringsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'");
            Assert.Contains("OrleansQuery", tables);
            Assert.Contains("OrleansStorage", tables);

            var keys = await ReadStringsAsync(connection, "SELECT QueryKey FROM OrleansQuery");
            Assert.All(PersistenceQueryKeys, key => Assert.Contains(key, keys));

            var journalMode = await ReadStringsAsync(connection, "PRAGMA journal_mode");
            Assert.Equal("wal", Assert.Single(journalMode));

            var applied = await ReadStringsAsync(connection, "SELECT ScriptName FROM MoecraftSchemaVersion ORDER BY ScriptName");
            Assert.Equal(DatabaseSchema.GetScriptNames(StorageProvider.Sqlite), applied);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task PostgreSql_storage_queries_keep_the_optimistic_version_contract()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("storage_contract");
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.PostgreSql, connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await AssertStorageContractAsync(connection);
    }

    [Fact]
    public async Task Sqlite_storage_queries_keep_the_optimistic_version_contract()
    {
        var file = Path.Combine(Path.GetTempPath(), "moecraft-sqlite-" + Guid.NewGuid().ToString("N") + ".db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString;
        try
        {
            await DatabaseSchema.EnsureCreatedAsync(StorageProvider.Sqlite, connectionString);
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await AssertStorageContractAsync(connection);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public async Task PostgreSql_membership_and_reminder_queries_are_version_checked()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("membership_contract");
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.PostgreSql, connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        var cluster = Param("DeploymentId", "cluster-a", DbType.String);
        AssertReturns(1, await RunQueryAsync(connection, "InsertMembershipVersionKey", cluster));
        AssertReturns(0, await RunQueryAsync(connection, "InsertMembershipVersionKey", cluster));

        // Whole milliseconds: the column keeps three digits and rounds, so x.9996 s would be stored as the next second.
        var now = new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        DbParam[] Silo(int version) =>
        [
            cluster, Param("Address", "10.0.0.1", DbType.AnsiString), Param("Port", 11111, DbType.Int32),
            Param("Generation", 7, DbType.Int32), Param("SiloName", "silo-1", DbType.String),
            Param("HostName", "host-1", DbType.String), Param("Status", 3, DbType.Int32),
            Param("ProxyPort", 30000, DbType.Int32), Param("StartTime", now, DbType.DateTime),
            Param("IAmAliveTime", now, DbType.DateTime), Param("Version", version, DbType.Int32),
        ];

        AssertReturns(1, await RunQueryAsync(connection, "InsertMembershipKey", Silo(0)));
        AssertReturns(0, await RunQueryAsync(connection, "InsertMembershipKey", Silo(0)));   // stale version
        AssertReturns(0, await RunQueryAsync(connection, "InsertMembershipKey", Silo(1)));   // row already there

        DbParam[] Update(int version) =>
        [
            cluster, Param("Address", "10.0.0.1", DbType.AnsiString), Param("Port", 11111, DbType.Int32),
            Param("Generation", 7, DbType.Int32), Param("Status", 6, DbType.Int32),
            Param("SuspectTimes", null, DbType.String), Param("IAmAliveTime", now, DbType.DateTime),
            Param("Version", version, DbType.Int32),
        ];

        AssertReturns(0, await RunQueryAsync(connection, "UpdateMembershipKey", Update(0)));
        AssertReturns(1, await RunQueryAsync(connection, "UpdateMembershipKey", Update(1)));

        // Version 2 (one insert, one update) and the silo row, read back with Orleans' column names.
        await using (var read = await CreateQueryCommandAsync(connection, "MembershipReadAllKey", cluster))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(2, Convert.ToInt32(reader["Version"]));
            Assert.Equal(6, Convert.ToInt32(reader["Status"]));
            Assert.Equal(now.Ticks / TimeSpan.TicksPerSecond, ((DateTime)reader["IAmAliveTime"]).ToUniversalTime().Ticks / TimeSpan.TicksPerSecond);
            Assert.False(await reader.ReadAsync());
        }

        DbParam[] Reminder() =>
        [
            Param("ServiceId", "service-a", DbType.String), Param("GrainId", "grain/1", DbType.AnsiString),
            Param("ReminderName", "tick", DbType.String), Param("StartTime", now, DbType.DateTime),
            Param("Period", 60_000, DbType.Int32), Param("GrainHash", 12345, DbType.Int32),
        ];

        var first = Assert.Single(await RunQueryAsync(connection, "UpsertReminderRowKey", Reminder()));
        var second = Assert.Single(await RunQueryAsync(connection, "UpsertReminderRowKey", Reminder()));
        Assert.NotEqual(first, second);

        DbParam[] Delete(int? version) =>
        [
            Param("ServiceId", "service-a", DbType.String), Param("GrainId", "grain/1", DbType.AnsiString),
            Param("ReminderName", "tick", DbType.String), Param("Version", version, DbType.Int32),
        ];

        AssertReturns(0, await RunQueryAsync(connection, "DeleteReminderRowKey", Delete(first)));
        AssertReturns(1, await RunQueryAsync(connection, "DeleteReminderRowKey", Delete(second)));
    }

    private static async Task TamperWithWriteQueryAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE OrleansQuery SET QueryText = 'stale' WHERE QueryKey = 'WriteToStorageKey'";
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task AssertWriteQueryRepairedAsync(DbConnection connection)
    {
        var text = await ReadStringsAsync(connection, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'");
        Assert.Contains("@GrainStateVersion", Assert.Single(text), StringComparison.Ordinal);
    }

    // Drives the registered storage SQL the way AdoNetGrainStorage does and applies its conflict rule:
    // a write conflicts when no version comes back, NULL comes back, or the sent version comes back.
    private static async Task AssertStorageContractAsync(DbConnection connection)
    {
        Assert.Equal(1, AssertWritten(await WriteAsync(connection, null, extension: null, payload: 1)));
        AssertConflict(await WriteAsync(connection, null, extension: null, payload: 2), sent: null);
        Assert.Equal(2, AssertWritten(await WriteAsync(connection, 1, extension: null, payload: 3)));
        AssertConflict(await WriteAsync(connection, 1, extension: null, payload: 4), sent: 1);

        // Same hashes and ids but a key extension: a different grain, so its first write succeeds.
        Assert.Equal(1, AssertWritten(await WriteAsync(connection, null, extension: "ext", payload: 5)));

        var (payload, version) = Assert.Single(await ReadAsync(connection, extension: null));
        Assert.Equal(new byte[] { 3 }, payload);
        Assert.Equal(2, version);

        AssertReturns(3, await RunQueryAsync(connection, "ClearStorageKey", GrainKey(extension: null, version: 2)));
        AssertConflict(await RunQueryAsync(connection, "ClearStorageKey", GrainKey(extension: null, version: 2)), sent: 2);
        var (clearedPayload, clearedVersion) = Assert.Single(await ReadAsync(connection, extension: null));
        Assert.Null(clearedPayload);
        Assert.Equal(3, clearedVersion);

        AssertReturns(4, await RunQueryAsync(connection, "DeleteStorageKey", GrainKey(extension: null, version: 3)));
        AssertConflict(await RunQueryAsync(connection, "DeleteStorageKey", GrainKey(extension: null, version: 3)), sent: 3);
        Assert.Empty(await ReadAsync(connection, extension: null));
        Assert.Single(await ReadAsync(connection, extension: "ext"));
    }

    private static void AssertReturns(int expected, IReadOnlyList<int?> returned) =>
        Assert.Equal(expected, Assert.Single(returned));

    private static int AssertWritten(IReadOnlyList<int?> returned) =>
        Assert.Single(returned) ?? throw new Xunit.Sdk.XunitException("The write returned a NULL version.");

    private static void AssertConflict(IReadOnlyList<int?> returned, int? sent)
    {
        Assert.True(returned.Count <= 1, "A storage query must return at most one version row.");
        var version = returned.Count == 0 ? null : returned[0];
        Assert.True(version is null || version == sent, $"Expected a version conflict, but version {version} came back for {sent}.");
    }

    private static Task<List<int?>> WriteAsync(DbConnection connection, int? version, string? extension, byte payload) =>
        RunQueryAsync(connection, "WriteToStorageKey", [.. GrainKey(extension, version), Param("PayloadBinary", new[] { payload }, DbType.Binary)]);

    private static async Task<List<(byte[]? Payload, int? Version)>> ReadAsync(DbConnection connection, string? extension)
    {
        var rows = new List<(byte[]?, int?)>();
        await using var command = await CreateQueryCommandAsync(connection, "ReadFromStorageKey", GrainKey(extension, version: null));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var payload = reader["PayloadBinary"];
            var version = reader["Version"];
            rows.Add((payload is DBNull ? null : (byte[])payload, version is DBNull ? null : Convert.ToInt32(version)));
        }

        return rows;
    }

    private static DbParam[] GrainKey(string? extension, int? version) =>
    [
        Param("GrainIdHash", 17, DbType.Int32), Param("GrainIdN0", 1L, DbType.Int64), Param("GrainIdN1", 2L, DbType.Int64),
        Param("GrainTypeHash", 42, DbType.Int32), Param("GrainTypeString", "moecraft.test", DbType.String),
        Param("GrainIdExtensionString", extension, DbType.String), Param("ServiceId", "service-a", DbType.String),
        Param("GrainStateVersion", version, DbType.Int32),
    ];

    // Reads the first column of every row of every result set, as Orleans' relational storage does.
    private static async Task<List<int?>> RunQueryAsync(DbConnection connection, string queryKey, params DbParam[] parameters)
    {
        var values = new List<int?>();
        await using var command = await CreateQueryCommandAsync(connection, queryKey, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                values.Add(reader.IsDBNull(0) ? null : Convert.ToInt32(reader.GetValue(0)));
            }
        }
        while (await reader.NextResultAsync());

        return values;
    }

    private static async Task<DbCommand> CreateQueryCommandAsync(DbConnection connection, string queryKey, params DbParam[] parameters)
    {
        string queryText;
        await using (var lookup = connection.CreateCommand())
        {
            lookup.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key";
            var key = lookup.CreateParameter();
            key.ParameterName = "key";
            key.Value = queryKey;
            lookup.Parameters.Add(key);
            queryText = (string?)await lookup.ExecuteScalarAsync() ?? throw new Xunit.Sdk.XunitException($"Query key {queryKey} is not registered.");
        }

        var command = connection.CreateCommand();
        command.CommandText = queryText;
        foreach (var parameter in parameters)
        {
            var dbParameter = command.CreateParameter();
            dbParameter.ParameterName = parameter.Name;
            dbParameter.DbType = parameter.Type;
            dbParameter.Value = parameter.Value ?? DBNull.Value;
            command.Parameters.Add(dbParameter);
        }

        return command;
    }

    private static async Task<List<string>> ReadStringsAsync(DbConnection connection, string sql)
    {
        var values = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static DbParam Param(string name, object? value, DbType type) => new(name, value, type);

    private sealed record DbParam(string Name, object? Value, DbType Type);
}
