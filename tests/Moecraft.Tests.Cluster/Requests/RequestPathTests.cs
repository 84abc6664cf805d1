using System.Collections.Immutable;
using Moecraft.Experts;
using Moecraft.Gating;
using Moecraft.Ledger;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.Tenants;

namespace Moecraft.Tests.Requests;

/// <summary>The request path of SPEC 4 through the three-silo SQLite cluster: policy, budget, cache, ledger, feedback, failover.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class RequestPathTests(SqliteClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    /// <summary>A tenant; its quality target 0 makes every expert acceptable, so the cheapest answers (an untrained gate's predictions vary by prompt).</summary>
    private async Task<string> TenantAsync(decimal budget = 10m, string policy = RoutingPolicyNames.Cheapest, double target = 0)
    {
        var tenantId = TestTenants.UniqueId();
        await Grains.GetGrain<ITenantGrain>(tenantId).Configure(TestTenants.Settings(budget) with { RoutingPolicy = policy, QualityTarget = target });
        return tenantId;
    }

    private static AskRequest Ask(string prompt, string? tenant = null, RoutingPolicy? policy = null, int experts = 1, RequestOptions? options = null) =>
        new(Guid.NewGuid().ToString("n"), prompt, options, tenant, policy, experts);

    [Fact]
    public async Task The_gate_learns_from_feedback_which_prompts_the_cheap_expert_can_answer()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "learn");
        var (cheap, premium) = (experts[0], experts[2]);
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);
        string Weather(int i) => $"what will the weather be like in town number {i} tomorrow morning";
        string Proof(int i) => $"prove that the sum of the first {i} odd integers is a perfect square";

        // Untrained, every expert predicts about 0.5 (the ensemble's random priors), below the target 0.7 of the open path.
        // Feedback: the cheap expert's weather answers are good and its proofs bad; the premium expert is good at both.
        for (var round = 0; round < 25; round++)
        {
            foreach (var (prompt, cheapScore) in new[] { (Weather(round), 0.95), (Proof(round), 0.05) })
            {
                var byCheap = Ask(prompt, policy: new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: cheap));
                await path.Ask(byCheap);
                await path.Feedback(new FeedbackRequest(byCheap.RequestId, null, cheapScore));
                var byPremium = Ask(prompt, policy: new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: premium));
                await path.Ask(byPremium);
                await path.Feedback(new FeedbackRequest(byPremium.RequestId, null, 0.95));
            }
        }

        var weather = await path.Ask(Ask(Weather(99)));
        var proof = await path.Ask(Ask(Proof(99)));
        Assert.Equal(cheap, weather.Answer.ExpertId);
        Assert.Equal(premium, proof.Answer.ExpertId);
        Assert.True(weather.Routing!.Confidence >= 0.7, $"confidence {weather.Routing.Confidence}");
        Assert.True(proof.Routing!.Savings == 0 && weather.Routing.Savings > 0, $"savings {weather.Routing.Savings} / {proof.Routing.Savings}");
    }

    // Issue 14: the router layer's gate weighs the prompt statistics beside the embedding, learned from feedback.
    [Fact]
    public async Task Feedback_with_statistics_teaches_the_gate_what_the_embedding_cannot_tell_apart()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "gate-statistics");
        var cheap = experts[0];
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        ImmutableArray<float> embedding = [.. (await Grains.GetGrain<IChatRouterGrain>(routerId).Embed(["solve for x"]))[0]];
        // The same embedding, once for a short question and once for a long one full of numbers and formulas.
        ImmutableArray<float> easy = [.. PromptStatistics.Of("solve for x: x + 1 = 2")];
        ImmutableArray<float> hard = [.. PromptStatistics.Of(string.Concat(Enumerable.Repeat("if 3x^2 + 17 = 4y - 12 and y = 2x / 7, ", 20)) + "solve for x?")];
        for (var i = 0; i < 40; i++)
        {
            await router.LearnScore(embedding, easy, cheap, 1.0);
            await router.LearnScore(embedding, hard, cheap, 0.0);
        }

        double Cheap(GateReport gate) => gate.Predictions.Single(p => p.ExpertId == cheap).SuccessMean;
        var onEasy = Cheap(await router.Gate(embedding, easy));
        var onHard = Cheap(await router.Gate(embedding, hard));

        Assert.True(onEasy > onHard + 0.2, $"cheap expert: {onEasy:0.000} on the easy prompt, {onHard:0.000} on the hard one");
        await Assert.ThrowsAsync<ArgumentException>(() => router.Gate(embedding, [0.5f]));
        await Assert.ThrowsAsync<ArgumentException>(() => router.LearnScore(embedding, [0.5f], cheap, 1.0));
    }

    [Fact]
    public async Task A_tenant_request_is_reserved_settled_and_written_to_the_ledger_with_its_savings()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "ledger");
        var tenant = await TenantAsync();
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);

        var request = Ask("summarise the plot of a short story about a lighthouse keeper", tenant);
        var result = await path.Ask(request);

        var routing = result.Routing!;
        Assert.Equal(experts[0], routing.Experts.Single());
        Assert.True(result.Answers.IsDefaultOrEmpty, "one expert answered: no list of answers");
        Assert.False(routing.CacheHit);
        Assert.Equal(result.Answer.Cost, routing.Cost);
        Assert.True(routing.Cost > 0 && routing.PremiumCost > routing.Cost, $"cost {routing.Cost}, premium {routing.PremiumCost}");
        var usage = await Grains.GetGrain<ITenantGrain>(tenant).GetUsage();
        Assert.Equal(routing.Cost, usage.Spent);
        Assert.Equal(0m, usage.Reserved);

        var line = await Eventually.Succeeds(async () =>
        {
            var page = await Grains.GetGrain<ILedgerQueryGrain>(0).GetHistory(tenant, 10);
            return page.Entries.Single(e => e.RequestId == request.RequestId);
        }, TimeSpan.FromSeconds(10), "the ledger line");
        Assert.Equal(routerId, line.RouterId);
        Assert.Equal([experts[0]], line.Experts.ToArray());
        Assert.Equal(routing.Cost, line.Cost);
        Assert.Equal(routing.PremiumCost, line.BaselineCost);
        Assert.Equal(LedgerOutcome.Answered, line.Outcome);
        Assert.Equal(RoutingPolicyNames.Cheapest, line.Policy);
        Assert.Equal(result.Answer.InputTokens, line.InputTokens);
    }

    [Fact]
    public async Task Hundreds_of_parallel_requests_never_spend_past_the_budget()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "race");
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);
        // Every request pinned to the premium expert reserves its worst case (the prompt and 64 output tokens at the
        // premium price) and spends what the answer really cost (24 output tokens): the budget binds after about 100.
        var options = new RequestOptions(MaxOutputTokens: 64);
        var pinned = new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: experts[2]);
        var premium = TestRouters.Tiers[^1];
        var worstCase = new ExpertPricing(premium.In, premium.Out).CostOf(TokenEstimate.Of("race request number 000"), 64);
        var budget = worstCase * 40.5m;
        var tenant = await TenantAsync(budget);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            try
            {
                await path.Ask(Ask($"race request number {i:000}", tenant, pinned, options: options));
                return true;
            }
            catch (BudgetExceededException)
            {
                return false;
            }
        }));

        var usage = await Grains.GetGrain<ITenantGrain>(tenant).GetUsage();
        Assert.True(usage.Spent <= budget, $"spent {usage.Spent} of {budget}");
        Assert.Equal(0m, usage.Reserved);
        Assert.True(outcomes.Count(o => o) >= 40, $"{outcomes.Count(o => o)} answered; each reserves {worstCase} of {budget}");
        Assert.Contains(outcomes, o => !o);
    }

    [Fact]
    public async Task A_repeated_prompt_is_answered_from_the_tenant_cache_for_free_and_other_tenants_do_not_share_it()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "cache");
        var (tenant, other) = (await TenantAsync(), await TenantAsync());
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);
        const string prompt = "list three uses of a paperclip in an office";

        var fresh = await path.Ask(Ask(prompt, tenant));
        var callsBefore = (await Grains.GetGrain<IExpertGrain>(experts[0]).GetSnapshot()).Counters.Invocations;
        var again = await path.Ask(Ask("List three uses of a paperclip in an office!", tenant));
        var callsAfter = (await Grains.GetGrain<IExpertGrain>(experts[0]).GetSnapshot()).Counters.Invocations;

        Assert.False(fresh.Routing!.CacheHit);
        Assert.True(again.Routing!.CacheHit);
        Assert.Equal(fresh.Answer.Text, again.Answer.Text);
        Assert.Equal(0m, again.Routing.Cost);
        Assert.Equal(callsBefore, callsAfter);
        Assert.Equal(fresh.Routing.Cost, (await Grains.GetGrain<ITenantGrain>(tenant).GetUsage()).Spent);

        // Different options are a different request; another tenant never sees this tenant's answers.
        Assert.False((await path.Ask(Ask(prompt, tenant, options: new RequestOptions(Temperature: 0.2)))).Routing!.CacheHit);
        Assert.False((await path.Ask(Ask(prompt, other))).Routing!.CacheHit);
    }

    [Fact]
    public async Task A_request_that_pins_an_expert_is_answered_by_that_expert_and_never_from_the_cache()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "pinned-cache");
        var tenant = await TenantAsync();
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);
        const string prompt = "what colour is the sky on mars at noon";

        var first = await path.Ask(Ask(prompt, tenant));
        var pinned = await path.Ask(Ask(prompt, tenant, new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: experts[2])));
        var again = await path.Ask(Ask(prompt, tenant));

        Assert.Equal(experts[0], first.Answer.ExpertId);
        Assert.Equal(experts[2], pinned.Answer.ExpertId);
        Assert.False(pinned.Routing!.CacheHit);
        Assert.True(again.Routing!.CacheHit);
    }

    [Fact]
    public async Task Bad_requests_are_rejected_with_a_clear_error_and_nothing_is_charged()
    {
        var (routerId, _) = await TestRouters.CreateAsync(Grains, "bad");
        var tenant = await TenantAsync(budget: 1m);
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => path.Ask(Ask("   ", tenant)));
        Assert.Contains("prompt must not be empty", empty.Message);
        var oversized = await Assert.ThrowsAsync<ArgumentException>(() => path.Ask(Ask(new string('x', 100_001), tenant)));
        Assert.Contains("limit is 100000", oversized.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => path.Ask(Ask("hello", tenant, options: new RequestOptions(Temperature: 3))));
        await Assert.ThrowsAsync<ArgumentException>(() => path.Ask(Ask("hello", tenant, options: new RequestOptions(MaxOutputTokens: 0))));
        var unknownExpert = await Assert.ThrowsAsync<ArgumentException>(() =>
            path.Ask(Ask("hello", tenant, new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: "no-such-expert"))));
        Assert.Contains("no-such-expert", unknownExpert.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => path.Ask(Ask("hello", tenant, experts: 4)));
        await Assert.ThrowsAsync<TenantNotConfiguredException>(() => path.Ask(Ask("hello", TestTenants.UniqueId("ghost"))));
        // A worst case over the budget is refused before any expert is called.
        await Assert.ThrowsAsync<BudgetExceededException>(() => path.Ask(Ask("hello", tenant, options: new RequestOptions(MaxOutputTokens: 32_000),
            policy: new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: $"{routerId}-premium"))
            with { Prompt = new string('y', 90_000) }));

        var usage = await Grains.GetGrain<ITenantGrain>(tenant).GetUsage();
        Assert.Equal(0m, usage.Spent);
        Assert.Equal(0m, usage.Reserved);
        await Grains.GetGrain<ILedgerQueryGrain>(0).GetHistory(tenant, 10);
        Assert.Empty((await Grains.GetGrain<ILedgerQueryGrain>(0).GetHistory(tenant, 10)).Entries);
    }

    [Fact]
    public async Task A_failing_expert_is_replaced_before_any_output_and_only_the_answer_is_charged()
    {
        var routerId = TestExperts.UniqueId("failover");
        var broken = TestRouters.Expert($"{routerId}-broken", 0.01m, 0.01m, failureRate: 1);
        var working = TestRouters.Expert($"{routerId}-working", 1m, 4m);
        (routerId, _) = await TestRouters.CreateAsync(Grains, "failover", broken, working);
        var tenant = await TenantAsync();

        // A request id outside the 5 % shadow sample: a shadow call to the broken expert would count a second failure.
        var request = Ask("translate good morning into French", tenant);
        while (ChatRouterGrain.IsShadowed(request.RequestId)) request = Ask(request.Prompt, tenant);
        var result = await Grains.GetGrain<IChatRouterGrain>(routerId).Ask(request);

        Assert.Equal(working.Id, result.Answer.ExpertId);
        Assert.Equal(1, result.Routing!.Escalations);
        Assert.Equal(result.Answer.Cost, (await Grains.GetGrain<ITenantGrain>(tenant).GetUsage()).Spent);
        Assert.Equal(1, (await Grains.GetGrain<IExpertGrain>(broken.Id).GetSnapshot()).Counters.Failures);
    }

    [Fact]
    public async Task Every_expert_failing_is_a_failure_that_charges_nothing_and_is_on_the_ledger()
    {
        var routerId = TestExperts.UniqueId("allfail");
        (routerId, _) = await TestRouters.CreateAsync(Grains, "allfail",
            TestRouters.Expert($"{routerId}-a", 1m, 1m, failureRate: 1), TestRouters.Expert($"{routerId}-b", 2m, 2m, failureRate: 1));
        var tenant = await TenantAsync();
        var request = Ask("anything at all", tenant);

        await Assert.ThrowsAsync<ExpertCallFailedException>(() => Grains.GetGrain<IChatRouterGrain>(routerId).Ask(request));

        var usage = await Grains.GetGrain<ITenantGrain>(tenant).GetUsage();
        Assert.Equal(0m, usage.Spent);
        Assert.Equal(0m, usage.Reserved);
        var line = await Eventually.Succeeds(async () =>
            (await Grains.GetGrain<ILedgerQueryGrain>(0).GetHistory(tenant, 10)).Entries.Single(), TimeSpan.FromSeconds(10), "the failure line");
        Assert.Equal(LedgerOutcome.Failed, line.Outcome);
        Assert.Equal(0m, line.Cost);
    }

    [Fact]
    public async Task Two_experts_answer_and_consensus_picks_one_with_both_on_the_bill()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "pair");
        var tenant = await TenantAsync();

        var result = await Grains.GetGrain<IChatRouterGrain>(routerId).Ask(Ask("name a colour of the rainbow", tenant, experts: 2));

        var routing = result.Routing!;
        Assert.Equal(2, routing.Experts.Length);
        Assert.Equal(result.Answer.ExpertId, routing.Experts[0]);
        Assert.Subset(experts.ToHashSet(), routing.Experts.ToHashSet());
        var costs = await Task.WhenAll(routing.Experts.Select(async e => (await Grains.GetGrain<IExpertGrain>(e).GetSnapshot()).Counters.Cost));
        Assert.Equal(costs.Sum(), routing.Cost);
        // Both answers come back, the chosen one first, and they add up to the bill.
        Assert.Equal(routing.Experts.ToArray(), result.Answers.Select(a => a.ExpertId).ToArray());
        Assert.Equal(result.Answer, result.Answers[0]);
        Assert.Equal(routing.Cost, result.Answers.Sum(a => a.Cost));
    }

    [Fact]
    public async Task Feedback_names_a_request_of_the_same_tenant_only()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "feedback");
        var (tenant, other) = (await TenantAsync(), await TenantAsync());
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);
        var request = Ask("describe a sunset in one sentence", tenant, experts: 2);
        var answered = await path.Ask(request);

        await path.Feedback(new FeedbackRequest(request.RequestId, tenant, Score: 0.9));
        await path.Feedback(new FeedbackRequest(request.RequestId, tenant, Preferred: answered.Routing!.Experts[1], Over: answered.Routing.Experts[0]));

        await Assert.ThrowsAsync<ArgumentException>(() => path.Feedback(new FeedbackRequest(request.RequestId, other, Score: 0.9)));
        await Assert.ThrowsAsync<ArgumentException>(() => path.Feedback(new FeedbackRequest(request.RequestId, tenant, Score: 1.5)));
        await Assert.ThrowsAsync<ArgumentException>(() => path.Feedback(new FeedbackRequest(request.RequestId, tenant)));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            path.Feedback(new FeedbackRequest(request.RequestId, tenant, Preferred: experts[0], Over: "not-an-answerer")));
    }

    [Fact]
    public async Task A_shadowed_request_feeds_the_router_layer_coherence_clocks()
    {
        var (routerId, _) = await TestRouters.CreateAsync(Grains, "shadow");
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);
        var sampled = Enumerable.Range(0, 10_000).Select(i => $"shadow-{i}").Where(ChatRouterGrain.IsShadowed).Take(3).ToArray();
        var unsampled = Enumerable.Range(0, 10_000).Select(i => $"plain-{i}").First(id => !ChatRouterGrain.IsShadowed(id));

        await path.Ask(new AskRequest(unsampled, "a prompt that is not sampled"));
        Assert.Equal(0, (await Grains.GetGrain<IRouterLayerGrain>(routerId).GetHealth()).Steps);
        foreach (var id in sampled) await path.Ask(new AskRequest(id, $"a sampled prompt called {id}"));

        var health = await Eventually.Succeeds(async () =>
        {
            var report = await Grains.GetGrain<IRouterLayerGrain>(routerId).GetHealth();
            return report.Steps == sampled.Length ? report : throw new InvalidOperationException($"{report.Steps} steps");
        }, TimeSpan.FromSeconds(10), "three shadow traces");
        Assert.Contains(health.Experts, e => e.Tokens > 0 && double.IsFinite(e.Phi.Fast));
    }
}
