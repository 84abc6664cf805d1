using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Hosting;
using Moecraft.Hosting.Audit;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Audit;

/// <summary>The audit tables on the real databases, created by the product's own schema scripts: same behaviour on both.</summary>
public sealed class AuditStoreTests
{
    [Fact]
    public Task Audit_store_on_sqlite() => SchemaDatabases.OnSqliteAsync("audit",
        connectionString => VerifyContractAsync(new SqlAuditStore(StorageProvider.Sqlite, connectionString)));

    [Fact]
    public Task Audit_store_on_postgresql() => SchemaDatabases.OnPostgreSqlAsync("audit",
        connectionString => VerifyContractAsync(new SqlAuditStore(StorageProvider.PostgreSql, connectionString)));

    private static async Task VerifyContractAsync(IAuditStore store)
    {
        Assert.Null(await store.ReadLastAsync("a"));
        Assert.Null(await store.ReadLastCheckpointAsync("a"));

        var entries = new List<AuditEntry>();
        var previous = AuditChain.GenesisHash;
        for (var seq = 1; seq <= 5; seq++)
        {
            var chained = AuditChain.CreateEntry(seq, 1_767_225_600_000 + seq, "kernel.commit", "operator:ä", $"{{\"n\":{seq},\"s\":\"日本\"}}", previous);
            var entry = new AuditEntry(chained.Sequence, chained.Timestamp, chained.Kind, chained.Actor, chained.Payload, chained.PreviousHash, chained.Hash);
            Assert.True(await store.TryAppendAsync("a", entry));
            entries.Add(entry);
            previous = entry.Hash;
        }
        // A taken sequence writes nothing, whatever the content.
        Assert.False(await store.TryAppendAsync("a", entries[2] with { Actor = "operator:eve" }));
        Assert.True(await store.TryAppendAsync("b", entries[0])); // logs are independent

        Assert.Equal(entries[^1], await store.ReadLastAsync("a"));
        Assert.Equal<AuditEntry>(entries, await store.ReadAsync("a", 1, 100));
        Assert.Equal<AuditEntry>(entries[2..4], await store.ReadAsync("a", 3, 2));
        Assert.Empty(await store.ReadAsync("a", 6, 10));

        var checkpoint = new AuditCheckpoint("a", 5, previous, 1_767_225_700_000, new string('A', 43), new string('B', 86));
        var early = checkpoint with { Size = 2, HeadHash = entries[1].Hash };
        Assert.True(await store.TryAddCheckpointAsync(checkpoint));
        Assert.True(await store.TryAddCheckpointAsync(early));
        Assert.False(await store.TryAddCheckpointAsync(checkpoint with { Signature = new string('C', 86) }));
        Assert.Equal<AuditCheckpoint>([early, checkpoint], await store.ReadCheckpointsAsync("a"));
        Assert.Equal(checkpoint, await store.ReadLastCheckpointAsync("a"));
        Assert.Empty(await store.ReadCheckpointsAsync("b"));
    }
}
