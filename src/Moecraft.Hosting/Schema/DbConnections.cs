using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Moecraft.Hosting.Schema;

/// <summary>The project's own SQL (ledger, audit, schema) opens connections and binds parameters here, for either provider.</summary>
public static class DbConnections
{
    /// <summary>An open connection to the storage database; disposed again if opening fails.</summary>
    public static async Task<DbConnection> OpenAsync(StorageProvider provider, string connectionString, CancellationToken cancellationToken)
    {
        DbConnection connection = provider switch
        {
            StorageProvider.Sqlite => new SqliteConnection(connectionString),
            StorageProvider.PostgreSql => new NpgsqlConnection(connectionString),
            _ => throw new InvalidOperationException($"Unknown storage provider '{provider}'."),
        };
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A write transaction. SQLite takes the write lock up front (BEGIN IMMEDIATE), so a busy database makes the writer
    /// wait instead of deadlocking on a lock upgrade.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(this DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Seconds a statement of the project's own SQL may run before it fails.</summary>
    public const int CommandTimeoutSeconds = 60;

    /// <summary>A command with <paramref name="sql"/> and the project's timeout.</summary>
    public static DbCommand Command(this DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandTimeout = CommandTimeoutSeconds;
        command.CommandText = sql;
        return command;
    }

    /// <summary>An integer column, whichever integer type the provider returns.</summary>
    public static long Int64At(this DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds a named parameter (the same <c>@name</c> syntax works on both providers).</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
