using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Ledger;
using Moecraft.Hosting.Schema;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Ledger;

/// <summary>The ledger table on the real databases, created by the product's own schema scripts.</summary>
public sealed class LedgerStoreTests
{
    [Fact]
    public async Task Ledger_on_sqlite()
    {
        using var data = new TempDirectory("moecraft-ledger-sqlite");
        var connectionString = new MoecraftStorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = data.Path }.ResolveConnectionString();
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.Sqlite, connectionString);
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.Sqlite, connectionString); // idempotent

        await LedgerStoreContract.VerifyAsync(new SqlLedgerStore(StorageProvider.Sqlite, connectionString));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Ledger_on_postgresql()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("ledger");
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.PostgreSql, connectionString);
        await DatabaseSchema.EnsureCreatedAsync(StorageProvider.PostgreSql, connectionString); // idempotent

        await LedgerStoreContract.VerifyAsync(new SqlLedgerStore(StorageProvider.PostgreSql, connectionString));
    }
}
