using Microsoft.Extensions.DependencyInjection;
using Moecraft.Ledger;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Tenants;

namespace Moecraft.Tests.Ledger;

/// <summary>The ledger as the silo composes it: appended inside silos, read through the query grain one tenant at a time.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class LedgerClusterTests(SqliteClusterFixture fixture)
{
    [Fact]
    public async Task Queries_return_only_the_named_tenants_lines()
    {
        var mine = TestTenants.UniqueId("mine");
        var theirs = TestTenants.UniqueId("theirs");
        var silos = fixture.Cluster.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<ILedger>()).ToList();
        for (var i = 0; i < 12; i++)
        {
            // Spread over every silo's ledger, as requests are.
            await silos[i % silos.Count].CommitAsync(new Settlement(TestLedger.Entry(mine, i, cacheHit: i < 3), null));
            await silos[(i + 1) % silos.Count].CommitAsync(new Settlement(TestLedger.Entry(theirs, i) with { Cost = 100m }, null));
        }
        foreach (var ledger in silos) await ledger.FlushAsync();

        var query = fixture.Cluster.Client.GetGrain<ILedgerQueryGrain>(0);
        var page = await query.GetHistory(mine, 500);
        Assert.Equal(12, page.Entries.Length);
        Assert.All(page.Entries, e => Assert.Equal(mine, e.TenantId));
        Assert.Equal(Enumerable.Range(0, 12).Reverse().Select(i => $"req-{i}"), page.Entries.Select(e => e.RequestId));

        var cost = await query.GetCost(mine, TestLedger.Start, TestLedger.Start.AddDays(1));
        Assert.Equal(12, cost.Requests);
        Assert.Equal(3, cost.CacheHits);
        Assert.Equal(Enumerable.Range(0, 12).Sum(i => 0.000125m * (i + 1)), cost.Cost);
        Assert.Equal(Enumerable.Range(0, 12).Sum(i => (0.004m - 0.000125m) * (i + 1)), cost.Savings);

        var theirCost = await query.GetCost(theirs, TestLedger.Start, TestLedger.Start.AddDays(1));
        Assert.Equal(1200m, theirCost.Cost);

        await Assert.ThrowsAsync<ArgumentException>(() => query.GetHistory("", 10));
        await Assert.ThrowsAsync<ArgumentException>(() => query.GetHistory(mine, 10_000));
        await Assert.ThrowsAsync<ArgumentException>(() => query.GetCost(mine, TestLedger.Start, TestLedger.Start));
    }
}
