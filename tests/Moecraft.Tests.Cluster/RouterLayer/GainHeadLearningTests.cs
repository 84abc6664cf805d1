using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Moecraft.Gating;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Requests;
using Orleans.Storage;

namespace Moecraft.Tests.RouterLayer;

/// <summary>Issue 14: the router layer learns the gain head from preferences, online, and persists it with its state.</summary>
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
}
