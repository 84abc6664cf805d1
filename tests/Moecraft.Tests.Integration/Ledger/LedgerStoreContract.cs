using Microsoft.Extensions.Logging.Abstractions;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Ledger;
using Moecraft.Ledger;
using Moecraft.Experts;
using Moecraft.Routing;

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
        var commits = await Task.WhenAll(alpha.Concat(beta).Select(e => ledger.CommitAsync(new Settlement(e, null))));
        Assert.All(commits, c => Assert.True(c.Written));

        // A batch written again (a retry after an unclear failure) adds nothing and reports what was stored first.
        var again = await store.WriteAsync([.. alpha.Take(5).Select(e => new Settlement(e with { Cost = 7m }, null))], CancellationToken.None);
        Assert.Equal(alpha.Take(5), again.Select(c => Assert.IsType<LedgerEntry>(c.Existing)));
        Assert.All(again, c => Assert.False(c.Written));
        Assert.Equal(alpha[3], await ledger.FindAsync("alpha", "req-3"));
        Assert.Null(await ledger.FindAsync("beta", "req-30"));

        // A line and its answer are one unit: both stored, read back whole; the open path stores an answer alone.
        var line = TestLedger.Entry("alpha", 100);
        var result = new AskResult(new RouteDecision("default", 2, [new ExpertSelection(0, "local-small", 1.0, 0.5)], [0]), new ExpertAnswer("local-small", "forty-two", 3, 5, 0.01m, 12, Simulated: true));
        var answer = new StoredAnswer("alpha", line.RequestId, "default", "what is six times seven?", ["local-small"], TestLedger.Start, result);
        Assert.True((await ledger.CommitAsync(new Settlement(line, answer))).Written);
        var recalled = await ledger.RecallAsync("alpha", line.RequestId);
        Assert.NotNull(recalled);
        Assert.Equal(("default", "what is six times seven?", "local-small", TestLedger.Start), (recalled.RouterId, recalled.Prompt, recalled.Experts.Single(), recalled.At));
        Assert.Equal("forty-two", recalled.Result?.Answer.Text);
        Assert.Equal(0.01m, recalled.Result?.Answer.Cost);
        Assert.Null(await ledger.RecallAsync("beta", line.RequestId));
        var open = answer with { TenantId = StoredAnswer.OpenTenant, RequestId = "open-1" };
        Assert.True((await ledger.CommitAsync(new Settlement(null, open))).Written);
        Assert.False((await ledger.CommitAsync(new Settlement(null, open with { Prompt = "another" }))).Written);
        Assert.Equal("what is six times seven?", (await ledger.RecallAsync(StoredAnswer.OpenTenant, "open-1"))?.Prompt);
        Assert.Equal(line, (await ledger.GetHistoryAsync("alpha", 1, null)).Entries.Single());
        alpha.Add(line);

        // Charges: answered lines since the period start, cache hits counted in money but not in requests.
        var charged = alpha.Where(e => e.Timestamp >= TestLedger.Start.AddSeconds(20) && e.Outcome == LedgerOutcome.Answered).ToList();
        var charges = await ledger.GetChargesAsync("alpha", TestLedger.Start.AddSeconds(20), TestLedger.Start.AddSeconds(35), 4);
        Assert.Equal(charged.Sum(e => e.Cost), charges.Spent);
        Assert.Equal(charged.Count(e => !e.CacheHit), charges.Requests);
        Assert.Equal(alpha.OrderByDescending(e => e.Timestamp).Take(4), charges.Recent);

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
        Assert.Equal([15, 15, 11], pages.Select(p => p.Entries.Length));
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
