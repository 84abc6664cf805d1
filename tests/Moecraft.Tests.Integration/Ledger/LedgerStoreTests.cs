using Moecraft.Hosting;
using Moecraft.Hosting.Ledger;
using Moecraft.Hosting.Schema;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Ledger;

/// <summary>The ledger table on the real databases, created by the product's own schema scripts.</summary>
public sealed class LedgerStoreTests
{
    [Fact]
    public Task Ledger_on_sqlite() => SchemaDatabases.OnSqliteAsync("ledger",
        connectionString => LedgerStoreContract.VerifyAsync(new SqlLedgerStore(StorageProvider.Sqlite, connectionString, TestSerializer.Instance, new DatabaseWriteGate(StorageProvider.Sqlite))));

    [Fact]
    public Task Ledger_on_postgresql() => SchemaDatabases.OnPostgreSqlAsync("ledger",
        connectionString => LedgerStoreContract.VerifyAsync(new SqlLedgerStore(StorageProvider.PostgreSql, connectionString, TestSerializer.Instance, new DatabaseWriteGate(StorageProvider.PostgreSql))));
}
