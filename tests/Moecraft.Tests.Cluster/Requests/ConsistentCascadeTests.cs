using Moecraft.Experts;
using Moecraft.Requests;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Backends;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Tenants;

namespace Moecraft.Tests.Requests;

/// <summary>
/// Issue 14: a cascade with a consistency check (<c>cascade:2</c>) asks its cheap stage twice, the second time at a sampling
/// temperature, over the real OpenAI wire protocol, and escalates when the two final answers differ, before any feedback
/// has taught the router anything. Both cheap calls are paid and reported in the answer's usage.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ConsistentCascadeTests(SqliteClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    /// <summary>A router whose cheap expert answers over the OpenAI wire from <paramref name="server"/> and whose premium one is simulated, and a tenant under <paramref name="policy"/>.</summary>
    private async Task<(ExpertDefinition Cheap, string RouterId, string Premium, string Tenant)> CreateAsync(FakeModelServer server, string policy)
    {
        var cheap = BackendTestExperts.OpenAi(TestExperts.UniqueId("consistent-cheap"), server.OpenAiEndpoint, BackendTestExperts.FastPolicy(maxRetries: 0))
            with { Pricing = new ExpertPricing(0.1m, 0.4m), Tier = ExpertTier.Local };
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "consistent", cheap, TestRouters.Expert(TestExperts.UniqueId("consistent-premium"), 10m, 40m));
        var tenant = TestTenants.UniqueId();
        await Grains.GetGrain<ITenantGrain>(tenant).Configure(TestTenants.Settings(10m) with { RoutingPolicy = policy, QualityTarget = 0.7 });
        return (cheap, routerId, experts[1], tenant);
    }

    [Fact]
    public async Task A_consistent_cascade_escalates_when_its_cheap_answers_disagree_and_answers_cheaply_when_they_agree()
    {
        await using var server = await FakeModelServer.StartAsync();
        var (cheap, routerId, premium, tenant) = await CreateAsync(server, "cascade:2");
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);
        Task<(AskResult Result, decimal Cheap, decimal Premium)> AskAsync(string prompt) =>
            TestRouters.AskWithCostsAsync(Grains, routerId, new AskRequest(UnshadowedRequests.NewId(), prompt, TenantId: tenant), cheap.Id, premium);

        const string Unsure = "Janet sells 16 - 3 - 4 = 9 eggs at $2, so the answer is 18.";
        const string Otherwise = "She keeps 16 - 3 - 4 = 8 eggs to sell: the answer is 16.";
        server.Enqueue(FakeModelBehaviour.Answer(Unsure), FakeModelBehaviour.Answer(Otherwise));
        var (disagreed, disagreedCheap, disagreedPremium) = await AskAsync("How much does Janet make at the market every day?");

        Assert.Equal(premium, disagreed.Answer.ExpertId);
        Assert.Equal([premium, cheap.Id], disagreed.Routing!.Experts.ToArray());
        Assert.Equal(1, disagreed.Routing.Escalations);
        Assert.Equal(cheap.Pricing.CostOf(2 * FakeModelServer.PromptTokens, FakeModelServer.OutputTokensOf(Unsure) + FakeModelServer.OutputTokensOf(Otherwise)), disagreedCheap);
        Assert.True(disagreedPremium > 0, "the premium stage answered");
        Assert.Equal(disagreedCheap + disagreedPremium, disagreed.Routing.Cost);
        // The request as sent, then a sample at the sampling temperature.
        var calls = server.Requests.Where(r => r["messages"] is not null).ToArray();
        Assert.Equal(2, calls.Length);
        Assert.Null(calls[0]["temperature"]);
        Assert.Equal(ExpertInvoker.SampleTemperature, (double)calls[1]["temperature"]!, 6);

        const string Sure = "Adding 20 and 22 gives 42.";
        server.Enqueue(FakeModelBehaviour.Answer(Sure), FakeModelBehaviour.Answer("20 + 22 = 42, so the answer is 42."));
        var (agreed, agreedCheap, agreedPremium) = await AskAsync("What is 20 plus 22?");

        Assert.Equal(cheap.Id, agreed.Answer.ExpertId);
        Assert.Equal(Sure, agreed.Answer.Text);
        Assert.Equal([cheap.Id], agreed.Routing!.Experts.ToArray());
        Assert.Equal(0, agreed.Routing.Escalations);
        Assert.Equal(0, agreedPremium);
        // Both cheap answers are paid and counted in the usage the caller sees.
        Assert.Equal(2 * FakeModelServer.PromptTokens, agreed.Answer.InputTokens);
        Assert.Equal(agreedCheap, agreed.Answer.Cost);
        Assert.Equal(agreedCheap, agreed.Routing.Cost);
        Assert.Equal(disagreed.Routing.Cost + agreed.Routing.Cost, (await Grains.GetGrain<ITenantGrain>(tenant).GetUsage()).Spent);

        // Streamed, the check still runs: the answer that stands arrives in one piece once the check and any escalation are done.
        server.Enqueue(FakeModelBehaviour.Answer(Unsure), FakeModelBehaviour.Answer(Otherwise));
        var chunks = new List<AskChunk>();
        await foreach (var chunk in path.AskStreaming(new AskRequest(UnshadowedRequests.NewId(), "How much does Janet make on a market day?", TenantId: tenant))) chunks.Add(chunk);

        Assert.Equal(2, chunks.Count);
        var streamed = chunks[^1].Final!;
        Assert.Equal(premium, streamed.Answer.ExpertId);
        Assert.Equal(streamed.Answer.Text, chunks[0].Text);
        Assert.Equal(1, streamed.Routing!.Escalations);
    }

    [Fact]
    public async Task After_the_cheap_stage_failed_the_premium_answer_is_not_sampled_so_no_request_costs_more_than_its_reservation()
    {
        await using var server = await FakeModelServer.StartAsync();
        var (cheap, routerId, premium, tenant) = await CreateAsync(server, "cascade:3");
        server.Enqueue(FakeModelBehaviour.Fail(500));

        var (result, cheapCost, premiumCost) = await TestRouters.AskWithCostsAsync(
            Grains, routerId, new AskRequest(UnshadowedRequests.NewId(), "What is 20 plus 22?", TenantId: tenant), cheap.Id, premium);

        Assert.Equal(premium, result.Answer.ExpertId);
        Assert.Equal(0, cheapCost);
        // One premium call, not three: the reservation (three cheap calls and one premium) is never exceeded.
        var premiumCall = (await Grains.GetGrain<IExpertGrain>(premium).GetSnapshot()).Counters;
        Assert.Equal(1, premiumCall.Invocations);
        Assert.Equal(premiumCost, result.Routing!.Cost);
        Assert.Single(server.Requests, r => r["messages"] is not null);
    }

    [Fact]
    public async Task A_sample_without_text_to_compare_is_still_paid_and_the_answer_stands()
    {
        await using var server = await FakeModelServer.StartAsync();
        var (cheap, routerId, premium, tenant) = await CreateAsync(server, "cascade:2");
        server.Enqueue(FakeModelBehaviour.Answer("20 + 22 = 42."), FakeModelBehaviour.CallTool("calculator", "{\"expression\": \"20 + 22\"}"));

        var (result, cheapCost, premiumCost) = await TestRouters.AskWithCostsAsync(
            Grains, routerId, new AskRequest(UnshadowedRequests.NewId(), "What is 20 plus 22?", TenantId: tenant), cheap.Id, premium);

        Assert.Equal("20 + 22 = 42.", result.Answer.Text);
        Assert.Equal(0, premiumCost);
        Assert.Equal(2, (await Grains.GetGrain<IExpertGrain>(cheap.Id).GetSnapshot()).Counters.Invocations);
        // Both cheap calls are charged, the one that only called a tool included.
        Assert.Equal(cheapCost, result.Answer.Cost);
        Assert.Equal(cheapCost, result.Routing!.Cost);
    }
}
