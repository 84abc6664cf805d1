using Moecraft.Federation;
using Moecraft.Hosting;
using Moecraft.Hosting.Knowledge;
using Moecraft.Tests.Federation.Domain;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Sync;

/// <summary>The knowledge feed tables on the real databases, created by the product's own schema scripts: same behaviour on both.</summary>
public sealed class KnowledgeStoreTests
{
    [Fact]
    public Task Knowledge_store_on_sqlite() => SchemaDatabases.OnSqliteAsync("knowledge",
        connectionString => VerifyContractAsync(new SqlKnowledgeStore(StorageProvider.Sqlite, connectionString)));

    [Fact]
    public Task Knowledge_store_on_postgresql() => SchemaDatabases.OnPostgreSqlAsync("knowledge",
        connectionString => VerifyContractAsync(new SqlKnowledgeStore(StorageProvider.PostgreSql, connectionString)));

    private static async Task VerifyContractAsync(IKnowledgeStore store)
    {
        using var signer = PacketSamples.SignerA();
        var first = PacketFactory.Create(PacketSamples.Draft("k1"), 1, null, 1_000, signer);
        var second = PacketFactory.Create(PacketSamples.Draft("k2"), 2, first.Id, 2_000, signer);
        var rival = PacketFactory.Create(PacketSamples.Draft("k2", """{"score":8}"""), 2, first.Id, 2_000, signer);
        var origin = signer.NodeId;

        Assert.Empty(await store.ReadAsync("n1", origin, 0, 10));
        Assert.True(await store.TryAppendAsync("n1", origin, [new(first, "n2", 10), new(second, "n2", 11)]));
        var held = await store.ReadAsync("n1", origin, 0, 10);
        Assert.Equal([first.Id, second.Id], held.Select(s => s.Packet.Id).ToArray());
        Assert.Equal(second, held[1].Packet with { Deps = second.Deps, Supersedes = second.Supersedes, Sources = second.Sources });
        Assert.Equal(("n2", 11L), (held[1].ReceivedFrom, held[1].ReceivedAt));
        Assert.Equal([second.Id], (await store.ReadAsync("n1", origin, 1, 10)).Select(s => s.Packet.Id).ToArray());

        // A batch meeting a taken sequence writes nothing at all, not even its new rows.
        var third = PacketFactory.Create(PacketSamples.Draft("k3"), 3, rival.Id, 3_000, signer);
        Assert.False(await store.TryAppendAsync("n1", origin, [new(rival, "n3", 12), new(third, "n3", 12)]));
        Assert.Equal(2, (await store.ReadAsync("n1", origin, 0, 10)).Count);
        // Feeds are per holder: another node holds its own copy.
        Assert.True(await store.TryAppendAsync("n2", origin, [new(first, "n1", 13)]));
        Assert.Single(await store.ReadAsync("n2", origin, 0, 10));

        Assert.Null(await store.ReadForkAsync("n1", origin));
        await store.MarkForkedAsync("n1", origin, "first detail");
        await store.MarkForkedAsync("n1", origin, "second detail");
        Assert.Equal("first detail", await store.ReadForkAsync("n1", origin));
        Assert.Null(await store.ReadForkAsync("n2", origin));
    }
}
