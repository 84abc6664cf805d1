using Microsoft.Extensions.DependencyInjection;
using Moecraft.Experts;
using Moecraft.Ledger;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Tenants;

namespace Moecraft.Tests.Requests;

/// <summary>
/// A request's charge, ledger line and stored answer are one durable unit keyed by its id (issue 12): on disk when the
/// caller is told, written once, and what a retry with the same id gets back.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ExactlyOnceTests(SqliteClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    private async Task<string> TenantAsync(decimal budget = 10m)
    {
        var tenantId = TestTenants.UniqueId();
        await Grains.GetGrain<ITenantGrain>(tenantId).Configure(TestTenants.Settings(budget) with { RoutingPolicy = RoutingPolicyNames.Cheapest, QualityTarget = 0 });
        return tenantId;
    }

    [Fact]
    public async Task An_acknowledged_answer_has_its_ledger_line_and_stored_answer_the_moment_it_returns()
    {
        var (routerId, _) = await TestRouters.CreateAsync(Grains, "durable");
        var tenant = await TenantAsync();
        var request = new AskRequest(Guid.NewGuid().ToString("n"), "name three lighthouses on rocky coasts", TenantId: tenant);

        var result = await Grains.GetGrain<IChatRouterGrain>(routerId).Ask(request);

        // No waiting: the line was committed before the answer was returned.
        var line = Assert.Single((await Grains.GetGrain<ILedgerQueryGrain>(0).GetHistory(tenant, 10)).Entries);
        Assert.Equal((request.RequestId, LedgerOutcome.Answered, result.Routing!.Cost), (line.RequestId, line.Outcome, line.Cost));
        var answered = await Grains.GetGrain<ILedgerQueryGrain>(0).RecallAnswered(tenant, request.RequestId);
        Assert.Equal((routerId, request.Prompt, result.Answer.ExpertId), (answered?.RouterId, answered?.Prompt, answered?.Experts[0]));
        Assert.Null(await Grains.GetGrain<ILedgerQueryGrain>(0).RecallAnswered(await TenantAsync(), request.RequestId));
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_stored_answer_and_charges_nothing_more()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "retry");
        var tenant = await TenantAsync();
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);
        // An id outside the shadow sample: a shadowed request also calls a second expert.
        var id = UnshadowedRequests.NewId();
        var request = new AskRequest(id, "explain tides to a child", TenantId: tenant);

        var first = await path.Ask(request);
        var again = await path.Ask(request);
        await fixture.Cluster.Cluster.DeactivateAsync(Grains.GetGrain<ITenantGrain>(tenant));
        var afterReactivation = await path.Ask(request);

        Assert.Equal(first.Answer, again.Answer);
        Assert.Equal(first.Answer, afterReactivation.Answer);
        var usage = await Grains.GetGrain<ITenantGrain>(tenant).GetUsage();
        Assert.Equal(first.Routing!.Cost, usage.Spent);
        Assert.Equal(1, usage.Requests);
        Assert.Equal(0m, usage.Reserved);
        Assert.Single((await Grains.GetGrain<ILedgerQueryGrain>(0).GetHistory(tenant, 10)).Entries);
        var invocations = 0L;
        foreach (var expert in experts) invocations += (await Grains.GetGrain<IExpertGrain>(expert).GetSnapshot()).Counters.Invocations;
        Assert.Equal(1, invocations);
    }

    [Fact]
    public async Task A_request_id_that_failed_is_refused_when_repeated_and_nothing_is_charged()
    {
        var (routerId, _) = await TestRouters.CreateAsync(Grains, "failed-once",
            TestRouters.Expert(TestExperts.UniqueId("always-fails"), 1m, 4m, failureRate: 1),
            TestRouters.Expert(TestExperts.UniqueId("also-fails"), 2m, 8m, failureRate: 1));
        var tenant = await TenantAsync();
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);
        var request = new AskRequest(Guid.NewGuid().ToString("n"), "this will not be answered", TenantId: tenant);

        await Assert.ThrowsAnyAsync<Exception>(() => path.Ask(request));
        var repeated = await Assert.ThrowsAsync<InvalidOperationException>(() => path.Ask(request));

        Assert.Contains("already ended without an answer", repeated.Message);
        var usage = await Grains.GetGrain<ITenantGrain>(tenant).GetUsage();
        Assert.Equal((0m, 0m, 0), (usage.Spent, usage.Reserved, usage.OpenReservations));
        Assert.Equal(LedgerOutcome.Failed, Assert.Single((await Grains.GetGrain<ILedgerQueryGrain>(0).GetHistory(tenant, 10)).Entries).Outcome);
    }

    [Fact]
    public async Task The_budget_overshoot_stays_within_one_reservation_with_256_concurrent_requests_over_three_silos()
    {
        // Experts that would answer 400 tokens; requests capped at 1. Every backend honours the cap, so no answer costs
        // more than its reservation and the budget cannot be outrun however many silos admit at once.
        var premium = TestRouters.Tiers[^1];
        var wordy = TestRouters.Expert(TestExperts.UniqueId("wordy"), premium.In, premium.Out) with
        {
            Simulation = new SimulationSettings(Seed: 3, LatencyMs: 0, OutputTokens: 400, FailureRate: 0),
        };
        var (routerId, _) = await TestRouters.CreateAsync(Grains, "overshoot", wordy, wordy with { Id = TestExperts.UniqueId("wordy") });
        const decimal budget = 0.01m;
        var tenant = await TenantAsync(budget);
        var options = new RequestOptions(MaxOutputTokens: 1);
        var silos = fixture.Cluster.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()).ToList();
        Assert.Equal(3, silos.Count);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 256).Select(async i =>
        {
            try
            {
                var pinned = new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: wordy.Id);
                var request = new AskRequest($"overshoot-{i}", $"a request of some length, number {i:000}", options, tenant, pinned);
                return (await silos[i % 3].GetGrain<IChatRouterGrain>(routerId).Ask(request)).Answer.OutputTokens;
            }
            catch (BudgetExceededException)
            {
                return -1;
            }
        }));

        var worstCase = new ExpertPricing(premium.In, premium.Out).CostOf(TokenEstimate.Of("a request of some length, number 000"), 1);
        var usage = await Grains.GetGrain<ITenantGrain>(tenant).GetUsage();
        var ledger = await Grains.GetGrain<ILedgerQueryGrain>(0).GetCost(tenant, usage.PeriodStart, usage.PeriodEnd);
        Assert.All(outcomes.Where(o => o >= 0), tokens => Assert.Equal(1, tokens));
        Assert.Contains(-1, outcomes);
        Assert.True(usage.Spent <= budget + worstCase, $"spent {usage.Spent} of {budget}; one reservation is {worstCase}");
        Assert.Equal(ledger.Cost, usage.Spent);
        Assert.Equal(0m, usage.Reserved);
    }
}
