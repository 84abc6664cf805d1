using Microsoft.Extensions.AI;
using Moecraft.Experts;
using Moecraft.Experts.Resilience;
using static Moecraft.Tests.Backends.BackendTestExperts;

namespace Moecraft.Tests.Backends;

/// <summary>The OpenAI-compatible backend (OpenAI SDK via Microsoft.Extensions.AI.OpenAI) against a server speaking <c>/v1/chat/completions</c>.</summary>
public sealed class OpenAiCompatibleBackendTests : IAsyncLifetime
{
    private const string Answer = "cheap experts answer first and premium ones only when needed";
    private FakeModelServer _server = null!;
    private readonly ExpertBackendFactory _factory = new(TimeProvider.System);

    public async Task InitializeAsync() => _server = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Client(ExpertCallPolicy? policy = null, string? apiKeyVariable = null) =>
        _factory.Create(OpenAi("openai-expert", _server.OpenAiEndpoint, policy ?? FastPolicy(), apiKeyVariable));

    [Fact]
    public async Task A_plain_answer_comes_back_with_usage_and_the_request_carries_the_options()
    {
        _server.Default = FakeModelBehaviour.Answer(Answer);
        using var client = Client();

        var response = await AskAsync(client, "Which expert is cheapest?", new ChatOptions { Temperature = 0.5f, MaxOutputTokens = 64 });

        Assert.Equal(Answer, response.Text);
        Assert.Equal(FakeModelServer.PromptTokens, response.Usage?.InputTokenCount);
        Assert.Equal(FakeModelServer.OutputTokensOf(Answer), response.Usage?.OutputTokenCount);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("gpt-test", (string?)request["model"]);
        Assert.Equal(0.5, request["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(64, (int?)(request["max_completion_tokens"] ?? request["max_tokens"]));
        Assert.Equal("Which expert is cheapest?", (string?)request["messages"]?[0]?["content"]);
    }

    [Fact]
    public async Task A_streamed_answer_arrives_over_server_sent_events_and_finishes()
    {
        _server.Default = FakeModelBehaviour.Answer(Answer);
        using var client = Client();

        var (updates, error) = await StreamAsync(client);

        Assert.Null(error);
        Assert.Equal(Answer, string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count(u => u.Text.Length > 0) >= FakeModelServer.Chunks(Answer).Count);
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
        Assert.Contains(updates, u => u.Contents.OfType<UsageContent>().Any(c => c.Details.OutputTokenCount == FakeModelServer.OutputTokensOf(Answer)));
        Assert.True((bool?)Assert.Single(_server.Requests)["stream"]);
    }

    [Fact]
    public async Task Server_errors_and_rate_limits_are_retried_by_us_not_by_the_sdk()
    {
        _server.Enqueue(FakeModelBehaviour.Fail(500), FakeModelBehaviour.Fail(429));
        _server.Default = FakeModelBehaviour.Answer(Answer);
        using var client = Client(FastPolicy(maxRetries: 2));

        Assert.Equal(Answer, (await AskAsync(client)).Text);
        Assert.Equal(3, _server.Requests.Count);

        _server.Default = FakeModelBehaviour.Fail(503);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AskAsync(client));
        Assert.Equal(503, ExpertFaults.StatusOf(error));
        // Exactly 1 + MaxRetries more requests: the SDK's own retry policy is off.
        Assert.Equal(6, _server.Requests.Count);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried()
    {
        _server.Default = FakeModelBehaviour.Fail(400);
        using var client = Client(FastPolicy(maxRetries: 3));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AskAsync(client));
        var (updates, streamError) = await StreamAsync(client);

        Assert.Equal(400, ExpertFaults.StatusOf(error));
        Assert.Contains("scripted failure 400", error.Message);
        Assert.Empty(updates);
        Assert.Equal(400, ExpertFaults.StatusOf(streamError!));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_slow_first_token_times_out_with_a_retryable_error()
    {
        _server.Default = FakeModelBehaviour.SlowFirstToken(TimeSpan.FromSeconds(30));
        using var client = Client(FastPolicy(maxRetries: 0, firstTokenSeconds: 0.5));

        var (updates, error) = await StreamAsync(client);

        Assert.Empty(updates);
        Assert.True(ExpertFaults.IsRetryable(Assert.IsType<ExpertTimeoutException>(error)));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_stream_that_breaks_off_after_output_is_an_error_never_a_success()
    {
        _server.Default = FakeModelBehaviour.DisconnectMidStream(Answer);
        using var client = Client(FastPolicy(maxRetries: 3));

        var (updates, error) = await StreamAsync(client);

        Assert.Contains(updates, u => u.Text.Length > 0);
        Assert.True(Assert.IsType<TruncatedAnswerException>(error).OutputProduced);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_stream_that_ends_without_done_or_a_finish_reason_is_a_truncated_answer()
    {
        _server.Default = FakeModelBehaviour.EndMidStream(Answer);
        using var client = Client();

        var (updates, error) = await StreamAsync(client);

        Assert.Contains(updates, u => u.Text.Length > 0);
        Assert.True(Assert.IsType<TruncatedAnswerException>(error).OutputProduced);
    }

    [Fact]
    public async Task A_malformed_body_is_a_clear_error()
    {
        _server.Default = FakeModelBehaviour.Malformed();
        using var client = Client(FastPolicy(maxRetries: 0));

        var error = await Assert.ThrowsAsync<ExpertProtocolException>(() => AskAsync(client));

        Assert.Contains("openai-expert", error.Message);
    }

    [Fact]
    public async Task A_refused_connection_is_retryable_and_fails()
    {
        using var client = _factory.Create(OpenAi("refused-openai", FakeModelServer.RefusedEndpoint(), FastPolicy(maxRetries: 1)));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AskAsync(client));

        Assert.True(ExpertFaults.IsRetryable(error), error.ToString());
        Assert.Null(ExpertFaults.StatusOf(error));
    }

    [Fact]
    public async Task The_api_key_comes_from_the_named_environment_variable()
    {
        var variable = $"MOECRAFT_TEST_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "sk-test-123");
        try
        {
            using var client = Client(apiKeyVariable: variable);
            await AskAsync(client);
            Assert.Equal("Bearer sk-test-123", Assert.Single(_server.Authorizations));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        var unset = Assert.Throws<InvalidOperationException>(() => Client(apiKeyVariable: variable));
        Assert.Contains(variable, unset.Message);
    }
}
