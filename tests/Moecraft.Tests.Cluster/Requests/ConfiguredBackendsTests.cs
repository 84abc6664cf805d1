using System.Collections.Immutable;
using Moecraft.Experts;
using Moecraft.Experts.Replay;
using Moecraft.Hosting.Configuration;
using Moecraft.Routing;
using Moecraft.Tests.Backends;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Requests;

/// <summary>The request path with the silo configured for Ollama embeddings and a replay dataset.</summary>
public sealed class ConfiguredBackendsTests
{
    [Fact]
    public async Task With_Ollama_configured_the_request_path_embeds_and_answers_over_Ollamas_wire_protocol()
    {
        await using var server = await FakeModelServer.StartAsync();
        server.Default = FakeModelBehaviour.Answer("an answer that came over the Ollama protocol");
        await using var cluster = await SqliteTestCluster.StartAsync(silos: 1, configure: options =>
        {
            options.Embeddings.Embedder = MoecraftEmbeddingOptions.Ollama;
            options.Embeddings.OllamaEndpoint = server.OllamaEndpoint;
            options.Embeddings.OllamaModel = "embed-test";
        });
        var grains = cluster.Client;
        const string routerId = "ollama-router";
        var router = grains.GetGrain<IRouterLayerGrain>(routerId);
        await router.Configure(RouterConfiguration.Default with { Width = 2, InputDimension = FakeModelServer.EmbeddingDimension, TopK = 1 });
        var expert = BackendTestExperts.Ollama("ollama-expert", server.OllamaEndpoint);
        await grains.GetGrain<IExpertGrain>(expert.Id).Register(expert);
        await router.RegisterExpert(expert.Id);
        var path = grains.GetGrain<IChatRouterGrain>(routerId);

        var vectors = await path.Embed(["hello there"]);
        var result = await path.Ask(new AskRequest("r-1", "hello there"));
        var streamed = new List<AskChunk>();
        await foreach (var chunk in path.AskStreaming(new AskRequest("r-2", "hello again"))) streamed.Add(chunk);

        Assert.Equal(FakeModelServer.EmbeddingOf("hello there"), vectors.Single());
        Assert.Equal("an answer that came over the Ollama protocol", result.Answer.Text);
        Assert.False(result.Answer.Simulated);
        Assert.True(streamed.Count(c => c.Final is null) > 1, "the Ollama answer arrives in pieces");
        Assert.Equal("an answer that came over the Ollama protocol", string.Concat(streamed.Where(c => c.Final is null).Select(c => c.Text)));
        Assert.Contains(server.Requests, r => r.ToJsonString().Contains("embed-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replay_expert_answers_as_the_dataset_recorded()
    {
        using var data = new TempDirectory();
        var path = Path.Combine(data.Path, "replay.jsonl");
        var dataset = ReplayDataset.Create(
        [
            new ReplayItem("q1", "what is two plus two", ReplaySplit.Test, new Dictionary<string, ReplayOutcome>
            {
                ["recorded-small"] = new(0.4, 6, 3, 12, "five"),
                ["recorded-large"] = new(1.0, 6, 2, 80, "four"),
            }),
        ]);
        await using (var writer = File.CreateText(path)) dataset.Write(writer);
        await using var cluster = await SqliteTestCluster.StartAsync(silos: 1, configure: options => options.Replay.DatasetPath = path);
        var grains = cluster.Client;
        var router = grains.GetGrain<IRouterLayerGrain>("replay-router");
        await router.Configure(RouterConfiguration.Default with { Width = 2, TopK = 1 });
        var large = new ExpertDefinition("replay-large", BackendKind.Replay, "recorded-large", null, new ExpertPricing(10m, 30m), ExpertTier.Premium, ["chat"], null);
        await grains.GetGrain<IExpertGrain>(large.Id).Register(large);
        await router.RegisterExpert(large.Id);

        var result = await grains.GetGrain<IChatRouterGrain>("replay-router").Ask(new AskRequest("r-1", "what is two plus two"));

        Assert.Equal("four", result.Answer.Text);
        Assert.Equal(6, result.Answer.InputTokens);
        Assert.Equal(2, result.Answer.OutputTokens);
        Assert.Equal(large.Pricing.CostOf(6, 2), result.Answer.Cost);
        // A prompt the dataset never recorded is a failed call, not an invented answer.
        await Assert.ThrowsAsync<ExpertCallFailedException>(() =>
            grains.GetGrain<IChatRouterGrain>("replay-router").Ask(new AskRequest("r-2", "a prompt nobody recorded")));
    }
}
