using Microsoft.Extensions.AI;
using Moecraft.Experts;
using Moecraft.Experts.Ollama;
using Moecraft.Experts.Resilience;
using static Moecraft.Tests.Backends.BackendTestExperts;

namespace Moecraft.Tests.Backends;

/// <summary>The Ollama backend (OllamaSharp) behind the resilient client, against a server speaking Ollama's wire protocol.</summary>
public sealed class OllamaBackendTests : IAsyncLifetime
{
    private const string Answer = "a mixture of experts routes each token to a few experts";
    private FakeModelServer _server = null!;
    private readonly ExpertBackendFactory _factory = new(TimeProvider.System);

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Client(ExpertCallPolicy? policy = null) => _factory.Create(Ollama("ollama-expert", _server.OllamaEndpoint, policy ?? FastPolicy()));

    [Fact]
    public async Task A_plain_answer_comes_back_with_usage_and_the_request_carries_the_options()
    {
        _server.Default = FakeModelBehaviour.Answer(Answer);
        using var client = Client();

        var response = await AskAsync(client, "What is a mixture of experts?", new ChatOptions { Temperature = 0.25f, MaxOutputTokens = 77 });

        Assert.Equal(Answer, response.Text);
        Assert.Equal(FakeModelServer.PromptTokens, response.Usage?.InputTokenCount);
        Assert.Equal(FakeModelServer.OutputTokensOf(Answer), response.Usage?.OutputTokenCount);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("llama-test", (string?)request["model"]);
        Assert.False((bool?)request["stream"]);
        Assert.Equal(0.25, request["options"]!["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(77, (int?)request["options"]?["num_predict"]);
        Assert.Equal("What is a mixture of experts?", (string?)request["messages"]?[0]?["content"]);
    }

    [Fact]
    public async Task A_streamed_answer_arrives_in_several_updates_and_finishes()
    {
        _server.Default = FakeModelBehaviour.Answer(Answer);
        using var client = Client();

        var (updates, error) = await StreamAsync(client);

        Assert.Null(error);
        Assert.Equal(Answer, string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count(u => u.Text.Length > 0) >= FakeModelServer.Chunks(Answer).Count);
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
        Assert.True((bool?)Assert.Single(_server.Requests)["stream"]);
    }

    [Fact]
    public async Task A_server_error_is_retried_and_the_retry_answers()
    {
        _server.Enqueue(FakeModelBehaviour.Fail(500), FakeModelBehaviour.Fail(503));
        _server.Default = FakeModelBehaviour.Answer(Answer);
        using var client = Client(FastPolicy(maxRetries: 2));

        var response = await AskAsync(client);
        Assert.Equal(Answer, response.Text);
        Assert.Equal(3, _server.Requests.Count);

        _server.Enqueue(FakeModelBehaviour.Fail(502));
        var (updates, error) = await StreamAsync(client);
        Assert.Null(error);
        Assert.Equal(Answer, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(5, _server.Requests.Count);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried()
    {
        _server.Default = FakeModelBehaviour.Fail(400);
        using var client = Client(FastPolicy(maxRetries: 3));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AskAsync(client));

        Assert.True(400 == ExpertFaults.StatusOf(error), error.ToString());
        Assert.False(ExpertFaults.IsRetryable(error));
        Assert.Single(_server.Requests);
        var (updates, streamError) = await StreamAsync(client);
        Assert.NotNull(streamError);
        Assert.Empty(updates);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_rate_limit_with_Retry_After_is_retried_no_sooner_than_the_server_asked()
    {
        _server.Enqueue(FakeModelBehaviour.RateLimited(TimeSpan.FromSeconds(1)));
        _server.Default = FakeModelBehaviour.Answer(Answer);
        using var client = Client(FastPolicy(maxRetries: 1));

        Assert.Equal(Answer, (await AskAsync(client)).Text);

        var arrivals = _server.Arrivals;
        Assert.Equal(2, arrivals.Count);
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromMilliseconds(950), $"retried after {(arrivals[1] - arrivals[0]).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Retries_give_up_after_the_configured_count_with_the_last_error()
    {
        _server.Default = FakeModelBehaviour.Fail(503);
        using var client = Client(FastPolicy(maxRetries: 2));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AskAsync(client));

        Assert.Equal(503, ExpertFaults.StatusOf(error));
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_slow_first_token_times_out_with_a_retryable_error()
    {
        _server.Default = FakeModelBehaviour.SlowFirstToken(TimeSpan.FromSeconds(30));
        using var client = Client(FastPolicy(maxRetries: 1, firstTokenSeconds: 0.5));

        var (updates, error) = await StreamAsync(client);

        Assert.Empty(updates);
        var timeout = Assert.IsType<ExpertTimeoutException>(error);
        Assert.Equal("ollama-expert", timeout.ExpertId);
        Assert.True(ExpertFaults.IsRetryable(timeout));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_stream_that_breaks_off_after_output_is_an_error_never_a_success()
    {
        _server.Default = FakeModelBehaviour.DisconnectMidStream(Answer);
        using var client = Client(FastPolicy(maxRetries: 3));

        var (updates, error) = await StreamAsync(client);

        Assert.Contains(updates, u => u.Text.Length > 0);
        var truncated = Assert.IsType<TruncatedAnswerException>(error);
        Assert.True(truncated.OutputProduced);
        Assert.DoesNotContain(updates, u => u.FinishReason is not null);
        // Output reached the caller: no retry could be told apart from a duplicate answer.
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_stream_that_ends_cleanly_without_finishing_is_a_truncated_answer()
    {
        _server.Default = FakeModelBehaviour.EndMidStream(Answer);
        using var client = Client();

        var (updates, error) = await StreamAsync(client);

        Assert.NotEmpty(updates);
        Assert.True(Assert.IsType<TruncatedAnswerException>(error).OutputProduced);
    }

    [Fact]
    public async Task A_non_streamed_answer_cut_off_by_a_disconnect_is_an_error()
    {
        _server.Default = FakeModelBehaviour.DisconnectMidStream(Answer);
        using var client = Client(FastPolicy(maxRetries: 0));

        await Assert.ThrowsAnyAsync<Exception>(() => AskAsync(client));
    }

    [Fact]
    public async Task A_malformed_body_is_a_clear_error()
    {
        _server.Default = FakeModelBehaviour.Malformed();
        using var client = Client(FastPolicy(maxRetries: 0));

        var error = await Assert.ThrowsAsync<ExpertProtocolException>(() => AskAsync(client));
        var (updates, streamError) = await StreamAsync(client);

        Assert.Contains("cannot read", error.Message);
        Assert.Empty(updates);
        Assert.IsType<ExpertProtocolException>(streamError);
    }

    [Fact]
    public async Task A_refused_connection_is_retryable_and_fails()
    {
        using var client = _factory.Create(Ollama("refused-expert", FakeModelServer.RefusedEndpoint(), FastPolicy(maxRetries: 1)));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AskAsync(client));
        var (updates, streamError) = await StreamAsync(client);

        Assert.True(ExpertFaults.IsRetryable(error), error.ToString());
        Assert.Null(ExpertFaults.StatusOf(error));
        Assert.Empty(updates);
        Assert.NotNull(streamError);
    }

    [Fact]
    public async Task Embeddings_come_from_api_embed()
    {
        using var generator = OllamaEmbeddingGeneratorFactory.Create(_server.OllamaEndpoint, "embed-test");

        var embeddings = await generator.GenerateAsync(["first text", "second text"]);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(FakeModelServer.EmbeddingOf("first text"), embeddings[0].Vector.ToArray());
        Assert.Equal(FakeModelServer.EmbeddingOf("second text"), embeddings[1].Vector.ToArray());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("embed-test", (string?)request["model"]);
    }
}
