using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Moecraft.Hosting.Schema;

/// <summary>
/// Creates or upgrades the Orleans ADO.NET schema (tables, functions and <c>OrleansQuery</c> rows) from
/// the SQL scripts embedded in this assembly. The scripts are idempotent, so this runs on every silo
/// start; runs against one database are serialised, so several silos may start at once.
/// </summary>
public static class DatabaseSchema
{
    private const string ResourcePrefix = "Moecraft.Schema.";

    // "MOECRAFT" in ASCII: the advisory-lock key that serialises schema runs on one PostgreSQL database.
    private const long PostgreSqlSchemaLockKey = 0x4D4F_4543_5241_4654;

    // A silo waiting for a peer's schema run spends this wait inside a command, so allow a slow peer.
    private const int CommandTimeoutSeconds = 120;

    private const int SqliteBusyTimeoutMilliseconds = CommandTimeoutSeconds * 1000;

    // Keeps AppliedOn at the first run of a script's current content rather than the latest start.
    private const string RecordScriptSql = """
        INSERT INTO MoecraftSchemaVersion (ScriptName, ContentHash, AppliedOn)
        VALUES (@name, @hash, CURRENT_TIMESTAMP)
        ON CONFLICT (ScriptName) DO UPDATE
            SET ContentHash = excluded.ContentHash, AppliedOn = excluded.AppliedOn
            WHERE MoecraftSchemaVersion.ContentHash <> excluded.ContentHash;
        """;

    /// <summary>
    /// Applies every schema script of <paramref name="provider"/>, in order, in one transaction.
    /// </summary>
    /// <param name="provider">Which database <paramref name="connectionString"/> points at.</param>
    /// <param name="connectionString">
    /// An Npgsql connection string to an existing database, or a Microsoft.Data.Sqlite connection string
    /// (the database file and its directory are created when missing).
    /// </param>
    /// <param name="ct">Cancels the run; the transaction then rolls back.</param>
    public static Task EnsureCreatedAsync(StorageProvider provider, string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var scripts = LoadScripts(provider);
        return provider switch
        {
            StorageProvider.PostgreSql => ApplyPostgreSqlAsync(connectionString, scripts, ct),
            StorageProvider.Sqlite => ApplySqliteAsync(connectionString, scripts, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown storage provider."),
        };
    }

    /// <summary>
    /// The scripts <see cref="EnsureCreatedAsync"/> applies for <paramref name="provider"/>, in order,
    /// named as recorded in <c>MoecraftSchemaVersion</c> (for example <c>PostgreSql/01-Main.sql</c>).
    /// </summary>
    public static IReadOnlyList<string> GetScriptNames(StorageProvider provider) =>
        LoadScripts(provider).Select(script => script.Name).ToArray();

    private static async Task ApplyPostgreSqlAsync(string connectionString, IReadOnlyList<SchemaScript> scripts, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);

        // Concurrent silos queue here; the commit (or a rollback) releases the lock. Without it, first runs
        // collide even on CREATE TABLE IF NOT EXISTS (duplicate key in pg_type) and on CREATE OR REPLACE FUNCTION.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.CommandTimeout = CommandTimeoutSeconds;
            lockCommand.Parameters.AddWithValue("key", PostgreSqlSchemaLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await ApplyScriptsAsync(connection, transaction, scripts, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task ApplySqliteAsync(string connectionString, IReadOnlyList<SchemaScript> scripts, CancellationToken ct)
    {
        CreateDatabaseDirectory(connectionString);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);

        // Wait for a peer's schema run or write instead of failing with SQLITE_BUSY. Set first: the
        // switch to WAL below needs a brief exclusive lock of its own.
        await ExecuteAsync(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {SqliteBusyTimeoutMilliseconds};"), ct).ConfigureAwait(false);

        // WAL lets readers run beside the single writer; the mode is stored in the file, so every later
        // connection (Orleans' own included) gets it. It cannot change inside a transaction.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", ct).ConfigureAwait(false);

        // BEGIN IMMEDIATE takes the write lock up front, so concurrent runs queue instead of deadlocking
        // on a read-to-write lock upgrade.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ApplyScriptsAsync(connection, transaction, scripts, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task ApplyScriptsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SchemaScript> scripts, CancellationToken ct)
    {
        foreach (var script in scripts)
        {
            await ExecuteAsync(connection, transaction, script.Text, ct).ConfigureAwait(false);

            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandTimeout = CommandTimeoutSeconds;
            record.CommandText = RecordScriptSql;
            record.AddParameter("name", script.Name);
            record.AddParameter("hash", script.ContentHash);
            await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = CommandTimeoutSeconds;
        command.CommandText = sql;

        // Drain every statement's result instead of ExecuteNonQuery: Microsoft.Data.Sqlite's ExecuteNonQuery
        // silently drops the errors of statements that follow one returning rows.
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.NextResultAsync(ct).ConfigureAwait(false))
        {
        }
    }


    private static void CreateDatabaseDirectory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(dataSource)
            || dataSource == ":memory:"
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static List<SchemaScript> LoadScripts(StorageProvider provider)
    {
        var folder = provider switch
        {
            StorageProvider.PostgreSql => "PostgreSql",
            StorageProvider.Sqlite => "Sqlite",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown storage provider."),
        };

        // The csproj names resources "Moecraft.Schema.%(RecursiveDir)%(Filename).sql" and RecursiveDir keeps
        // the OS separator: "Moecraft.Schema.PostgreSql/01-Main.sql" on Linux, "...PostgreSql\01-Main.sql"
        // on Windows. Normalising both separators (and '.') to one form finds the scripts either way.
        var prefix = ResourcePrefix + folder + ".";
        var assembly = typeof(DatabaseSchema).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            var normalized = resourceName.Replace('\\', '.').Replace('/', '.');
            if (!normalized.StartsWith(prefix, StringComparison.Ordinal)
                || !normalized.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resourceName)
                ?? throw new InvalidOperationException($"Embedded resource '{resourceName}' could not be opened.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = reader.ReadToEnd();
            scripts.Add(new SchemaScript(folder + "/" + normalized[prefix.Length..], text, HashOf(text)));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException(
                $"No {folder} schema scripts are embedded in {assembly.GetName().Name}; expected resources named '{prefix}NN-Name.sql'.");
        }

        // File names start with a two-digit step number, so ordinal order is application order.
        scripts.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name));
        return scripts;
    }

    // Line endings are normalised so a Windows checkout records the same hash as a Linux one.
    private static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"))));

    private sealed record SchemaScript(string Name, string Text, string ContentHash);
}
