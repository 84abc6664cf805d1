using System.Collections.Immutable;
using Moecraft.Gating;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.LlmGating;

/// <summary>The router layer's gate weighs the prompt statistics beside the embedding (issue 14), learned from feedback.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class GateStatisticsGrainTests(SqliteClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

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
}
