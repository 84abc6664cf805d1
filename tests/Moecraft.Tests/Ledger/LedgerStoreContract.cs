using Microsoft.Extensions.Logging.Abstractions;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Ledger;
using Moecraft.Ledger;

namespace Moecraft.Tests.Ledger;

/// <summary>What the ledger table must do on either database: exact round trips, sums, paging and tenant isolation.</summary>
public static class LedgerStoreContract
{
    public static async Task VerifyAsync(ILedgerStore store)
    {
        await using var ledger = new BatchingLedger(store, new MoecraftLedgerOptions { BatchSize = 16 }, NullLogger<BatchingLedger>.Instance);
        ledger.Start();
        var alpha = Enumerable.Range(0, 40).Select(i => TestLedger.Entry("alpha", i, cacheHit: i % 4 == 0)).ToList();
        var beta = Enumerable.Range(0, 15).Select(i => TestLedger.Entry("beta", i)).ToList();
        foreach (var entry in alpha.Concat(beta)) await ledger.AppendAsync(entry);
        await ledger.FlushAsync();

        // A batch written again (a retry after an unclear failure) adds nothing.
        await store.AppendAsync(alpha.Take(5).ToList(), CancellationToken.None);

        // History: newest first, paged, exact round trip, one tenant only.
        var pages = new List<LedgerHistoryPage>();
        string? cursor = null;
        do
        {
            var page = await ledger.GetHistoryAsync("alpha", 15, cursor);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal([15, 15, 10], pages.Select(p => p.Entries.Length));
        var history = pages.SelectMany(p => p.Entries).ToList();
        Assert.Equal(alpha.OrderByDescending(e => e.Timestamp), history);
        Assert.All(history, e => Assert.Equal("alpha", e.TenantId));
        Assert.Equal(alpha[7].Savings, history.Single(e => e.RequestId == "req-7").Savings);

        var betaPage = await ledger.GetHistoryAsync("beta", 500, null);
        Assert.Equal(beta.OrderByDescending(e => e.Timestamp), betaPage.Entries);
        Assert.Null(betaPage.NextCursor);
        Assert.Empty((await ledger.GetHistoryAsync("gamma", 10, null)).Entries);

        // A cursor from one tenant's history cannot reach another tenant's lines.
        var foreign = await ledger.GetHistoryAsync("beta", 10, pages[0].NextCursor);
        Assert.All(foreign.Entries, e => Assert.Equal("beta", e.TenantId));

        // Cost: sums over [from, to), exact to the 1e-9 unit.
        var from = TestLedger.Start.AddSeconds(10);
        var to = TestLedger.Start.AddSeconds(30);
        var inRange = alpha.Where(e => e.Timestamp >= from && e.Timestamp < to).ToList();
        var cost = await ledger.GetCostAsync("alpha", from, to);
        Assert.Equal(new LedgerCostSummary(
            "alpha", from, to,
            Requests: inRange.Count,
            CacheHits: inRange.Count(e => e.CacheHit),
            Cost: inRange.Sum(e => e.Cost),
            BaselineCost: inRange.Sum(e => e.BaselineCost),
            Savings: inRange.Sum(e => e.Savings),
            InputTokens: inRange.Sum(e => e.InputTokens),
            OutputTokens: inRange.Sum(e => e.OutputTokens)), cost);
        Assert.Equal(20, cost.Requests);

        var all = await ledger.GetCostAsync("beta", DateTimeOffset.MinValue.AddDays(1), DateTimeOffset.MaxValue.AddDays(-1));
        Assert.Equal(15, all.Requests);
        Assert.Equal(beta.Sum(e => e.Cost), all.Cost);
        var none = await ledger.GetCostAsync("gamma", from, to);
        Assert.Equal(0, none.Requests);
        Assert.Equal(0m, none.Cost);

        // Bad queries are refused.
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GetCostAsync("alpha", to, from));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GetCostAsync("", from, to));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GetHistoryAsync("alpha", 0, null));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GetHistoryAsync("alpha", BatchingLedger.MaxPageSize + 1, null));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GetHistoryAsync("alpha", 10, "not-a-cursor"));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.GetHistoryAsync("alpha", 10, "1; DROP TABLE moecraft_ledger"));
    }
}
