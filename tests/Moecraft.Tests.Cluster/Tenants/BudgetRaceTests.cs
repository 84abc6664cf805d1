using Moecraft.Tenants;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.Tenants;

/// <summary>Many callers racing for one tenant's budget: the grain's turns admit exactly what fits.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class BudgetRaceTests(SqliteClusterFixture fixture)
{
    [Fact]
    public async Task Concurrent_reserve_settle_pairs_never_overspend_and_admit_exactly_what_fits()
    {
        const decimal budget = 100m;
        const decimal cost = 1.5m;
        const int requests = 300;
        const int callers = 30;
        var tenant = fixture.Cluster.Client.GetGrain<ITenantGrain>(TestTenants.UniqueId("race"));
        await tenant.Configure(TestTenants.Settings(budget));

        var accepted = 0;
        var rejected = 0;
        var maxSeenSpentPlusReserved = 0m;
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var i = caller; i < requests; i += callers)
            {
                var requestId = $"req-{i}";
                try
                {
                    var reservation = await tenant.Reserve(requestId, cost);
                    lock (gate) maxSeenSpentPlusReserved = Math.Max(maxSeenSpentPlusReserved, budget - reservation.Remaining);
                }
                catch (BudgetExceededException)
                {
                    Interlocked.Increment(ref rejected);
                    continue;
                }
                await tenant.Settle(requestId, cost);
                Interlocked.Increment(ref accepted);
            }
        })));

        var usage = await tenant.GetUsage();
        var fits = (int)decimal.Floor(budget / cost);
        Assert.Equal(fits, accepted);
        Assert.Equal(requests - fits, rejected);
        Assert.Equal(fits * cost, usage.Spent);
        Assert.True(usage.Spent <= budget, $"spent {usage.Spent} over budget {budget}");
        Assert.True(maxSeenSpentPlusReserved <= budget, $"spent + reserved reached {maxSeenSpentPlusReserved}");
        Assert.Equal(0m, usage.Reserved);
        Assert.Equal(fits, usage.Requests);
    }
}
