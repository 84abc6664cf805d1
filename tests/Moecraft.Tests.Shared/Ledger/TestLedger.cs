using Moecraft.Ledger;

namespace Moecraft.Tests.Ledger;

/// <summary>Ledger entries for tests: distinct, valid, with money values the ledger stores exactly (1e-9 units).</summary>
public static class TestLedger
{
    public static readonly DateTimeOffset Start = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    public static LedgerEntry Entry(string tenantId, int n, DateTimeOffset? timestamp = null, bool cacheHit = false) => new(
        tenantId,
        RequestId: $"req-{n}",
        Timestamp: timestamp ?? Start.AddSeconds(n).AddTicks(n % 7),
        RouterId: "default",
        Epoch: 3 + n % 2,
        Experts: ["local-small", "cloud-premium"],
        Scores: [0.7 + n % 10 / 100.0, 0.3 - n % 10 / 100.0],
        Confidence: 0.91,
        Policy: "cheapest-acceptable",
        InputTokens: 100 + n,
        OutputTokens: 40 + n,
        Cost: 0.000125m * (n + 1),
        BaselineCost: 0.004m * (n + 1),
        LatencyMs: 12 + n,
        CacheHit: cacheHit,
        Outcome: n % 5 == 4 ? LedgerOutcome.Failed : LedgerOutcome.Answered);
}
