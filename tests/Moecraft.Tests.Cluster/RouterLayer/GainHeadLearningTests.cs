using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Moecraft.Experts;
using Moecraft.Gating;
using Moecraft.Requests;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Requests;
using Orleans.Storage;

namespace Moecraft.Tests.RouterLayer;

/// <summary>Issue 14: the router layer learns the gain head from preferences, online, persists it with its state, and the request path routes by it.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class GainHeadLearningTests(SqliteClusterFixture fixture)
{
    [Fact]
    public async Task Preferences_teach_the_gain_head_which_is_persisted_with_the_router()
    {
        var grains = fixture.Cluster.Client;
        var (routerId, experts) = await TestRouters.CreateAsync(grains, "gain-head");
        var router = grains.GetGrain<IRouterLayerGrain>(routerId);
        ImmutableArray<float> embedding = [.. (await grains.GetGrain<IChatRouterGrain>(routerId).Embed(["prove the lemma"]))[0]];
        ImmutableArray<float> statistics = [.. PromptStatistics.Of("prove the lemma")];
        const int preferences = 40;
        for (var i = 0; i < preferences; i++) await router.LearnPreference(embedding, statistics, experts[1], experts[0]);

        var storage = fixture.Cluster.HostOf(router).ServiceProvider.GetRequiredKeyedService<IGrainStorage>(MoecraftStorage.Name);
        var stored = new GrainState<RouterLayerState>(new RouterLayerState());
        await storage.ReadStateAsync("router-layer", router.GetGrainId(), stored);
        var record = Assert.IsType<GainPredictorRecord>(stored.State?.GainHead);

        var head = new GainPredictor(record.ToState());
        Assert.Equal(preferences, head.SamplesOf(experts[0], experts[1]));
        var features = (float[])[.. embedding, .. statistics];
        Assert.True(head.Predict(features, experts[0], experts[1]) > 0.5, "the preferred expert is predicted to gain");
        Assert.True(head.Predict(features, experts[1], experts[0]) < -0.5);
    }

    [Fact]
    public async Task A_live_request_with_the_gain_policy_follows_the_gain_head_where_the_success_difference_would_not()
    {
        var grains = fixture.Cluster.Client;
        var (routerId, experts) = await TestRouters.CreateAsync(grains, "gain-live",
            TestRouters.Expert(TestExperts.UniqueId("gain-live-cheap"), 0.1m, 0.4m), TestRouters.Expert(TestExperts.UniqueId("gain-live-premium"), 10m, 40m));
        var (cheap, premium) = (experts[0], experts[1]);
        var router = grains.GetGrain<IRouterLayerGrain>(routerId);
        var path = grains.GetGrain<IChatRouterGrain>(routerId);
        const string prompt = "prove that every bounded monotone sequence of reals converges";
        ImmutableArray<float> embedding = [.. (await path.Embed([prompt]))[0]];
        ImmutableArray<float> statistics = [.. PromptStatistics.Of(prompt)];
        // Preferences teach the head that the premium answer wins here; scores then rate both experts alike, so the success
        // difference alone no longer pays for a premium call (the head learns only from preferences).
        for (var i = 0; i < 40; i++) await router.LearnPreference(embedding, statistics, premium, cheap);
        for (var i = 0; i < 80; i++)
        {
            await router.LearnScore(embedding, statistics, cheap, 0.8);
            await router.LearnScore(embedding, statistics, premium, 0.8);
        }

        var gate = await router.Gate(embedding, statistics);
        var learned = Assert.Single(gate.Gains);
        var gain = learned.From == cheap ? learned.Gain : -learned.Gain;
        Assert.True(gain > 0.5, $"the head predicts the premium expert's gain {gain}");
        var policy = new RoutingPolicy(RoutingPolicyKind.Gain, 0.7);
        var prices = new Dictionary<string, ExpertPricing> { [cheap] = new(0.1m, 0.4m), [premium] = new(10m, 40m) };
        Assert.Equal(cheap, RoutingPlanner.Plan(gate.Predictions, prices, policy, 1, 100, 100).Order[0].ExpertId);

        var answer = await path.Ask(new AskRequest(Guid.NewGuid().ToString("n"), prompt, null, null, policy, 1));
        Assert.Equal(premium, answer.Answer.ExpertId);
    }
}
