using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Moecraft.Experts;
using Moecraft.Experts.Resilience;
using static Moecraft.Tests.Backends.BackendTestExperts;

namespace Moecraft.Tests.Backends;

/// <summary>The per-expert circuit breaker, driven by a fake clock, in front of a server speaking Ollama's protocol.</summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private static readonly ExpertCallPolicy Policy = FastPolicy(maxRetries: 0, failuresToOpen: 3) with { OpenDuration = TimeSpan.FromSeconds(30) };
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private FakeModelServer _server = null!;
    private ExpertBackendFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeModelServer.StartAsync();
        _factory = new ExpertBackendFactory(_time);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Client(string id = "breaker-expert", ExpertCallPolicy? policy = null) =>
        _factory.Create(Ollama(id, _server.OllamaEndpoint, policy ?? Policy));

    private static async Task FailAsync(IChatClient client, int times)
    {
        for (var i = 0; i < times; i++) await Assert.ThrowsAnyAsync<HttpRequestException>(() => AskAsync(client));
    }

    [Fact]
    public async Task The_circuit_opens_after_consecutive_failures_and_rejects_fast_without_calling_the_backend()
    {
        _server.Default = FakeModelBehaviour.Fail(503);
        using var client = Client();

        await FailAsync(client, 2);
        Assert.Equal(CircuitState.Closed, _factory.CircuitStateOf("breaker-expert"));
        await FailAsync(client, 1);
        Assert.Equal(CircuitState.Open, _factory.CircuitStateOf("breaker-expert"));

        var rejected = await Assert.ThrowsAsync<ExpertUnavailableException>(() => AskAsync(client));
        var (updates, streamRejected) = await StreamAsync(client);

        Assert.Equal("breaker-expert", rejected.ExpertId);
        Assert.Equal(_time.GetUtcNow() + Policy.OpenDuration, rejected.RetryAfter);
        Assert.Contains("circuit is open", rejected.Message);
        Assert.Empty(updates);
        Assert.IsType<ExpertUnavailableException>(streamRejected);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task After_the_open_duration_one_successful_probe_closes_the_circuit()
    {
        _server.Default = FakeModelBehaviour.Fail(500);
        using var client = Client();
        await FailAsync(client, 3);

        _time.Advance(Policy.OpenDuration - TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ExpertUnavailableException>(() => AskAsync(client));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CircuitState.HalfOpen, _factory.CircuitStateOf("breaker-expert"));

        _server.Default = FakeModelBehaviour.Answer("back again");
        Assert.Equal("back again", (await AskAsync(client)).Text);
        Assert.Equal(CircuitState.Closed, _factory.CircuitStateOf("breaker-expert"));
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task A_failed_probe_opens_the_circuit_again_at_once()
    {
        _server.Default = FakeModelBehaviour.Fail(500);
        using var client = Client();
        await FailAsync(client, 3);
        _time.Advance(Policy.OpenDuration);

        await FailAsync(client, 1);

        Assert.Equal(CircuitState.Open, _factory.CircuitStateOf("breaker-expert"));
        await Assert.ThrowsAsync<ExpertUnavailableException>(() => AskAsync(client));
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task A_success_restarts_the_count_and_bad_requests_do_not_count()
    {
        using var client = Client();
        _server.Enqueue(
            FakeModelBehaviour.Fail(500), FakeModelBehaviour.Fail(500), FakeModelBehaviour.Answer("ok"),
            FakeModelBehaviour.Fail(500), FakeModelBehaviour.Fail(400), FakeModelBehaviour.Fail(400), FakeModelBehaviour.Fail(500));
        _server.Default = FakeModelBehaviour.Answer("still here");

        await FailAsync(client, 2);
        await AskAsync(client);
        await FailAsync(client, 4);

        Assert.Equal(CircuitState.Closed, _factory.CircuitStateOf("breaker-expert"));
        Assert.Equal("still here", (await AskAsync(client)).Text);
    }

    [Fact]
    public async Task The_breaker_belongs_to_the_expert_not_to_one_client()
    {
        _server.Default = FakeModelBehaviour.Fail(503);
        using (var first = Client()) await FailAsync(first, 3);

        using var rebuilt = Client();
        using var other = Client("other-expert");
        _server.Default = FakeModelBehaviour.Answer("fine");

        await Assert.ThrowsAsync<ExpertUnavailableException>(() => AskAsync(rebuilt));
        Assert.Equal("fine", (await AskAsync(other)).Text);
    }

    [Fact]
    public async Task A_stream_cut_off_after_output_counts_as_a_failure()
    {
        _server.Default = FakeModelBehaviour.DisconnectMidStream("one two three four five six");
        using var client = Client();

        for (var i = 0; i < 3; i++) Assert.IsType<TruncatedAnswerException>((await StreamAsync(client)).Error);

        Assert.Equal(CircuitState.Open, _factory.CircuitStateOf("breaker-expert"));
    }
}
