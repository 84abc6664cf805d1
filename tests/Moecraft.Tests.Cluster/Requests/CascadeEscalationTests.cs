using Moecraft.Experts;
using Moecraft.Gating;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Tenants;

namespace Moecraft.Tests.Requests;

/// <summary>
/// Issue 14: the request path's cascade answers with the cheap expert first and escalates when the router's
/// acceptability predictor, taught online by feedback on stored answers, rates that answer below the tenant's target.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class CascadeEscalationTests(SqliteClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    private static string Weather(int i) => $"what will the weather be like in town number {i} tomorrow morning";

    private static string Proof(int i) => $"prove that the sum of the first {i} odd integers is a perfect square";

    [Fact]
    public async Task After_feedback_a_cascade_escalates_the_cheap_answers_it_learned_are_unacceptable_and_keeps_the_others()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(Grains, "cascade-answer",
            TestRouters.Expert(TestExperts.UniqueId("cascade-cheap"), 0.1m, 0.4m), TestRouters.Expert(TestExperts.UniqueId("cascade-premium"), 10m, 40m));
        var (cheap, premium) = (experts[0], experts[1]);
        var path = Grains.GetGrain<IChatRouterGrain>(routerId);
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        async Task<GateReport> GateAsync(string prompt) =>
            await router.Gate([.. (await path.Embed([prompt]))[0]], [.. PromptStatistics.Of(prompt)]);
        Assert.Empty((await GateAsync(Proof(99))).AnswerAware);

        // Feedback on the cheap expert's stored answers (which echo the prompt): its weather answers are good, its proofs bad.
        var samples = (int)RouterLayerGrain.AcceptabilityMinimumSamples;
        for (var round = 0; round < samples; round++)
        {
            foreach (var (prompt, score) in new[] { (Weather(round), 0.95), (Proof(round), 0.05) })
            {
                var request = new AskRequest(UnshadowedRequests.NewId(), prompt, Policy: new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: cheap));
                await path.Ask(request);
                await path.Feedback(new FeedbackRequest(request.RequestId, null, score));
            }
        }
        Assert.Equal([cheap], (await GateAsync(Proof(99))).AnswerAware.Items.ToArray());

        var tenant = TestTenants.UniqueId();
        await Grains.GetGrain<ITenantGrain>(tenant).Configure(TestTenants.Settings(10m) with { RoutingPolicy = RoutingPolicyNames.Cascade, QualityTarget = 0.7 });
        Task<(AskResult Result, decimal Cheap, decimal Premium)> AskAsync(string prompt) =>
            TestRouters.AskWithCostsAsync(Grains, routerId, new AskRequest(UnshadowedRequests.NewId(), prompt, TenantId: tenant), cheap, premium);

        var (proof, proofCheap, proofPremium) = await AskAsync(Proof(99));
        Assert.Equal(premium, proof.Answer.ExpertId);
        Assert.Equal([premium, cheap], proof.Routing!.Experts.ToArray());
        Assert.Equal(1, proof.Routing.Escalations);
        Assert.True(proofCheap > 0 && proofPremium > 0, $"both stages were called: {proofCheap} and {proofPremium}");
        Assert.Equal(proofCheap + proofPremium, proof.Routing.Cost);

        var (weather, weatherCheap, weatherPremium) = await AskAsync(Weather(99));
        Assert.Equal(cheap, weather.Answer.ExpertId);
        Assert.Equal([cheap], weather.Routing!.Experts.ToArray());
        Assert.Equal(0, weather.Routing.Escalations);
        Assert.Equal(0, weatherPremium);
        Assert.Equal(weatherCheap, weather.Routing.Cost);

        // The tenant is charged what both requests cost, both stages of the escalated one included.
        Assert.Equal(proof.Routing.Cost + weather.Routing.Cost, (await Grains.GetGrain<ITenantGrain>(tenant).GetUsage()).Spent);
    }
}
