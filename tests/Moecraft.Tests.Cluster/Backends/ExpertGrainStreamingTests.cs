using Moecraft.Experts;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using static Moecraft.Tests.Backends.BackendTestExperts;

namespace Moecraft.Tests.Backends;

/// <summary>Expert grains streaming through the in-process SQLite cluster: a simulated expert and an Ollama expert on the fake server.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ExpertGrainStreamingTests(SqliteClusterFixture fixture) : IAsyncLifetime
{
    private const string Answer = "streamed through the grain one word at a time";
    private FakeModelServer _server = null!;

    private IClusterClient Client => fixture.Cluster.Client;

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<(List<ExpertAnswerChunk> Chunks, Exception? Error)> ReadAsync(IExpertGrain expert, ExpertRequest request)
    {
        var chunks = new List<ExpertAnswerChunk>();
        try
        {
            await foreach (var chunk in expert.InvokeStreaming(request)) chunks.Add(chunk);
            return (chunks, null);
        }
        catch (Exception ex)
        {
            return (chunks, ex);
        }
    }

    private async Task<IExpertGrain> OllamaExpertAsync(ExpertCallPolicy? policy = null)
    {
        var id = TestExperts.UniqueId("ollama");
        var expert = Client.GetGrain<IExpertGrain>(id);
        await expert.Register(Ollama(id, _server.OllamaEndpoint, policy ?? FastPolicy()));
        return expert;
    }

    [Fact]
    public async Task A_simulated_expert_streams_deltas_then_a_final_chunk_with_the_accounting()
    {
        var id = TestExperts.UniqueId("sim");
        var expert = Client.GetGrain<IExpertGrain>(id);
        var definition = TestExperts.Simulated(id);
        await expert.Register(definition);
        var request = new ExpertRequest("r1", "Explain streaming through a grain");

        var (chunks, error) = await ReadAsync(expert, request);

        Assert.Null(error);
        var final = Assert.Single(chunks, c => c.IsFinal).Final!;
        Assert.True(chunks[^1].IsFinal);
        Assert.Equal(final.Text, string.Concat(chunks.Select(c => c.Delta)));
        Assert.All(chunks, c => Assert.Equal(id, c.ExpertId));
        Assert.True(final.Simulated);
        Assert.True(final.OutputTokens > 0);
        Assert.Equal(definition.Pricing.CostOf(final.InputTokens, final.OutputTokens), final.Cost);

        var invoked = await expert.Invoke(request);
        Assert.Equal(invoked.Text, final.Text);
        Assert.Equal(invoked.OutputTokens, final.OutputTokens);
        var counters = (await expert.GetSnapshot()).Counters;
        Assert.Equal(2, counters.Invocations);
        Assert.Equal(0, counters.Failures);
        Assert.Equal(2 * final.OutputTokens, counters.OutputTokens);
    }

    [Fact]
    public async Task A_failing_simulated_expert_ends_the_stream_with_an_error_and_counts_it()
    {
        var id = TestExperts.UniqueId("sim");
        var expert = Client.GetGrain<IExpertGrain>(id);
        await expert.Register(TestExperts.Simulated(id, failureRate: 1));

        var (chunks, error) = await ReadAsync(expert, new ExpertRequest("r1", "this one fails"));

        Assert.Empty(chunks);
        Assert.Equal(id, Assert.IsType<ExpertCallFailedException>(error).ExpertId);
        var counters = (await expert.GetSnapshot()).Counters;
        Assert.Equal(1, counters.Invocations);
        Assert.Equal(1, counters.Failures);
    }

    [Fact]
    public async Task An_ollama_expert_streams_the_servers_answer_with_its_reported_tokens_and_the_request_options()
    {
        _server.Default = FakeModelBehaviour.Answer(Answer);
        var expert = await OllamaExpertAsync();

        var (chunks, error) = await ReadAsync(expert, new ExpertRequest("r1", "Stream please", new RequestOptions(Temperature: 0.3, MaxOutputTokens: 40)));

        Assert.Null(error);
        Assert.True(chunks.Count(c => !c.IsFinal) >= FakeModelServer.Chunks(Answer).Count);
        var final = chunks[^1].Final!;
        Assert.Equal(Answer, final.Text);
        Assert.Equal(Answer, string.Concat(chunks.Select(c => c.Delta)));
        Assert.False(final.Simulated);
        Assert.Equal(FakeModelServer.PromptTokens, final.InputTokens);
        Assert.Equal(FakeModelServer.OutputTokensOf(Answer), final.OutputTokens);
        Assert.Equal(new ExpertPricing(1m, 2m).CostOf(final.InputTokens, final.OutputTokens), final.Cost);
        var request = Assert.Single(_server.Requests);
        Assert.True((bool?)request["stream"]);
        Assert.Equal(0.3, request["options"]!["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(40, (int?)request["options"]?["num_predict"]);
        var counters = (await expert.GetSnapshot()).Counters;
        Assert.Equal(final.OutputTokens, counters.OutputTokens);
        Assert.Equal(final.Cost, counters.Cost);
    }

    [Fact]
    public async Task An_ollama_stream_that_breaks_off_is_a_failed_call_never_a_success()
    {
        _server.Default = FakeModelBehaviour.DisconnectMidStream(Answer);
        var expert = await OllamaExpertAsync();

        var (chunks, error) = await ReadAsync(expert, new ExpertRequest("r1", "Stream please"));

        Assert.Contains(chunks, c => c.Delta.Length > 0);
        Assert.DoesNotContain(chunks, c => c.IsFinal);
        Assert.Contains("broke off", Assert.IsType<ExpertCallFailedException>(error).Message);
        var counters = (await expert.GetSnapshot()).Counters;
        Assert.Equal(1, counters.Failures);
        Assert.Equal(0, counters.OutputTokens);
    }

    [Fact]
    public async Task Invoke_sends_the_request_options_and_keeps_its_answer()
    {
        _server.Default = FakeModelBehaviour.Answer(Answer);
        var expert = await OllamaExpertAsync();

        var answer = await expert.Invoke(new ExpertRequest("r1", "Answer please", new RequestOptions(Temperature: 1.5, MaxOutputTokens: 12)));

        Assert.Equal(Answer, answer.Text);
        Assert.Equal(FakeModelServer.OutputTokensOf(Answer), answer.OutputTokens);
        var request = Assert.Single(_server.Requests);
        Assert.False((bool?)request["stream"]);
        Assert.Equal(1.5, request["options"]!["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(12, (int?)request["options"]?["num_predict"]);
    }

    [Fact]
    public async Task An_unreachable_ollama_expert_fails_over_eligibly_and_counts_the_failure()
    {
        var id = TestExperts.UniqueId("ollama");
        var expert = Client.GetGrain<IExpertGrain>(id);
        await expert.Register(Ollama(id, FakeModelServer.RefusedEndpoint(), FastPolicy(maxRetries: 1)));

        await Assert.ThrowsAsync<ExpertCallFailedException>(() => expert.Invoke(new ExpertRequest("r1", "anyone there?")));
        var (chunks, error) = await ReadAsync(expert, new ExpertRequest("r2", "anyone there?"));

        Assert.Empty(chunks);
        Assert.IsType<ExpertCallFailedException>(error);
        Assert.Equal(2, (await expert.GetSnapshot()).Counters.Failures);
    }

    [Fact]
    public async Task Bad_request_options_are_rejected_and_change_nothing()
    {
        _server.Default = FakeModelBehaviour.Answer(Answer);
        var expert = await OllamaExpertAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => expert.Invoke(new ExpertRequest("r1", "hot", new RequestOptions(Temperature: 5))));
        var (chunks, error) = await ReadAsync(expert, new ExpertRequest("r2", "none", new RequestOptions(MaxOutputTokens: 0)));

        Assert.Empty(chunks);
        Assert.IsType<ArgumentException>(error);
        Assert.Empty(_server.Requests);
        Assert.Equal(ExpertCounters.Zero, (await expert.GetSnapshot()).Counters);
    }

    [Fact]
    public async Task Backend_fields_are_validated_on_register()
    {
        var id = TestExperts.UniqueId("ollama");
        var expert = Client.GetGrain<IExpertGrain>(id);

        await Assert.ThrowsAsync<ArgumentException>(() => expert.Register(Ollama(id, "not a url")));
        await Assert.ThrowsAsync<ArgumentException>(() => expert.Register(TestExperts.Simulated(id) with { CallPolicy = ExpertCallPolicy.Default with { MaxRetries = -1 } }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => expert.GetSnapshot());

        var snapshot = await expert.Register(Ollama(id, _server.OllamaEndpoint, FastPolicy()));
        Assert.Equal(FastPolicy(), snapshot.Definition.CallPolicy);
    }
}
