using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Schema;

namespace Moecraft.Tests.Infrastructure;

/// <summary>
/// Real databases for the stores' contract tests: a fresh SQLite file or a throwaway PostgreSQL database, with the
/// product's own schema scripts applied twice (they must be idempotent).
/// </summary>
public static class SchemaDatabases
{
    public static async Task OnSqliteAsync(string name, Func<string, Task> test)
    {
        using var data = new TempDirectory($"moecraft-{name}-sqlite");
        var connectionString = new MoecraftStorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = data.Path }.ResolveConnectionString();
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.Sqlite, connectionString);
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.Sqlite, connectionString);
        try
        {
            await test(connectionString);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    public static async Task OnPostgreSqlAsync(string name, Func<string, Task> test)
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync(name);
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.PostgreSql, connectionString);
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.PostgreSql, connectionString);
        await test(connectionString);
    }
}
