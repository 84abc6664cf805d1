using System.Diagnostics;
using Microsoft.Extensions.AI;
using Moecraft.Client;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Tenants;

namespace Moecraft.Tests.Requests;

/// <summary>The client SDK's <see cref="MoecraftChatClient"/> and <see cref="MoecraftEmbeddingGenerator"/> against the cluster.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ChatClientTests(SqliteClusterFixture fixture)
{
    [Fact]
    public async Task A_response_carries_the_routing_metadata()
    {
        var (routerId, experts) = await TestRouters.CreateAsync(fixture.Cluster.Client, "chat");
        var tenant = TestTenants.UniqueId();
        // Quality target 0: every expert is acceptable, so the cheapest answers.
        await fixture.Cluster.Client.GetGrain<ITenantGrain>(tenant).Configure(TestTenants.Settings() with { QualityTarget = 0 });
        IChatClient chat = new MoecraftChatClient(fixture.Cluster.Client, new MoecraftChatClientOptions { RouterId = routerId, TenantId = tenant });

        var response = await chat.GetResponseAsync("What is the capital of Peru?", new ChatOptions { Temperature = 0.1f, MaxOutputTokens = 64 });

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(experts[0], response.ModelId);
        Assert.Equal(experts[0], response.AdditionalProperties![RoutingProperties.Experts]);
        Assert.Equal(false, response.AdditionalProperties[RoutingProperties.CacheHit]);
        Assert.True((decimal)response.AdditionalProperties[RoutingProperties.Savings]! > 0);
        Assert.True(response.AdditionalProperties.ContainsKey(RoutingProperties.Epoch));
        Assert.True(response.Usage!.OutputTokenCount > 0);
        var result = Assert.IsType<AskResult>(response.RawRepresentation);
        Assert.Equal(result.Routing!.Cost, (await fixture.Cluster.Client.GetGrain<ITenantGrain>(tenant).GetUsage()).Spent);
    }

    [Fact]
    public async Task Streaming_delivers_the_answer_in_pieces_and_the_metadata_last()
    {
        var (routerId, _) = await TestRouters.CreateAsync(fixture.Cluster.Client, "stream");
        IChatClient chat = new MoecraftChatClient(fixture.Cluster.Client, new MoecraftChatClientOptions { RouterId = routerId });

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("Tell me a short fact about owls."))
            updates.Add(update);

        var text = updates.Where(u => u.RawRepresentation is null).ToList();
        Assert.True(text.Count > 1, $"{text.Count} text updates");
        var last = updates[^1];
        var result = Assert.IsType<AskResult>(last.RawRepresentation);
        Assert.Equal(result.Answer.Text, string.Concat(text.Select(u => u.Text)));
        Assert.Contains(last.Contents, c => c is UsageContent);
        Assert.NotNull(last.AdditionalProperties![RoutingProperties.Confidence]);
    }

    [Fact]
    public async Task It_composes_with_the_OpenTelemetry_middleware_of_Microsoft_Extensions_AI()
    {
        var (routerId, _) = await TestRouters.CreateAsync(fixture.Cluster.Client, "otel");
        const string source = "Moecraft.Tests.ChatClient";
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var chat = new MoecraftChatClient(fixture.Cluster.Client, new MoecraftChatClientOptions { RouterId = routerId })
            .AsBuilder()
            .UseOpenTelemetry(sourceName: source)
            .Build();

        var response = await chat.GetResponseAsync("Name a prime number above ten.");

        var span = Assert.Single(spans);
        Assert.Equal("moecraft", span.GetTagItem("gen_ai.provider.name") ?? span.GetTagItem("gen_ai.system"));
        Assert.Equal(response.ModelId, span.GetTagItem("gen_ai.response.model"));
        Assert.StartsWith(routerId, response.ModelId);
        Assert.Equal((int?)response.Usage!.OutputTokenCount, span.GetTagItem("gen_ai.usage.output_tokens") is { } tokens ? Convert.ToInt32(tokens) : null);
    }

    [Fact]
    public async Task The_embedding_generator_is_the_routers_hashing_embedder()
    {
        var generator = new MoecraftEmbeddingGenerator(fixture.Cluster.Client);

        var embeddings = await generator.GenerateAsync(["the cat sat on the mat", "the cat sat on the mat", "quantum chromodynamics"]);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(512, e.Vector.Length));
        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
        Assert.Equal(1.0, Math.Sqrt(embeddings[0].Vector.ToArray().Sum(v => (double)v * v)), 1e-5);
        Assert.NotEqual(embeddings[0].Vector.ToArray(), embeddings[2].Vector.ToArray());
        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync([]));
    }
}
