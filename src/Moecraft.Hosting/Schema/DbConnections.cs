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
