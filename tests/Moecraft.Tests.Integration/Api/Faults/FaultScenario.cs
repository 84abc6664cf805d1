using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Moecraft.Experts;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Backends;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Api.Faults;

/// <summary>
/// One test's world on the shared silo: a fresh router with two OpenAI-compatible experts, each in front of its own
/// <see cref="FakeModelServer"/> (the primary's and the fallback's), and calls to <c>/v1/chat/completions</c> naming them.
/// </summary>
public sealed class FaultScenario : IAsyncDisposable
{
    /// <summary>The local tenant: loopback requests without a key act as it.</summary>
    public const string LocalTenant = "local";

    private readonly FaultSiloFixture _silo;

    private FaultScenario(FaultSiloFixture silo, FakeModelServer primary, FakeModelServer fallback, string name)
    {
        _silo = silo;
        Primary = primary;
        Fallback = fallback;
        var suffix = Guid.NewGuid().ToString("n")[..8];
        RouterId = $"faults-{name}-{suffix}";
        PrimaryId = $"{name}-{suffix}-primary";
        FallbackId = $"{name}-{suffix}-fallback";
    }

    public FakeModelServer Primary { get; }

    public FakeModelServer Fallback { get; }

    public string RouterId { get; }

    public string PrimaryId { get; }

    public string FallbackId { get; }

    /// <summary>Short timeouts and backoff; a breaker that stays closed unless a test says otherwise.</summary>
    public static ExpertCallPolicy Policy(
        double firstTokenSeconds = 3, double totalSeconds = 4, int maxRetries = 2, int backoffMs = 50, int failuresToOpen = 100, double openSeconds = 30,
        double? idleSeconds = null) => new(
        ConnectTimeout: TimeSpan.FromSeconds(Math.Min(1, firstTokenSeconds)),
        FirstTokenTimeout: TimeSpan.FromSeconds(firstTokenSeconds),
        TotalTimeout: TimeSpan.FromSeconds(totalSeconds),
        MaxRetries: maxRetries,
        BaseBackoff: TimeSpan.FromMilliseconds(backoffMs),
        FailuresToOpen: failuresToOpen,
        OpenDuration: TimeSpan.FromSeconds(openSeconds),
        IdleTimeout: idleSeconds is { } idle ? TimeSpan.FromSeconds(idle) : null);

    /// <summary>Starts both upstreams, registers the router and both experts under <paramref name="policy"/>, and waits until the API knows them.</summary>
    public static async Task<FaultScenario> StartAsync(FaultSiloFixture silo, string name, ExpertCallPolicy policy)
    {
        var scenario = new FaultScenario(silo, await FakeModelServer.StartAsync(), await FakeModelServer.StartAsync(), name);
        scenario.Fallback.Default = FakeModelBehaviour.Answer("the fallback expert answers instead");
        await silo.Client.ConfigureRouterAsync(scenario.RouterId, RouterConfiguration.Default with { Width = 2, TopK = 1 });
        await silo.Client.RegisterExpertAsync(BackendTestExperts.OpenAi(scenario.PrimaryId, scenario.Primary.OpenAiEndpoint, policy), scenario.RouterId);
        await silo.Client.RegisterExpertAsync(BackendTestExperts.OpenAi(scenario.FallbackId, scenario.Fallback.OpenAiEndpoint, policy), scenario.RouterId);
        // The API's model catalog refreshes at most once a second: wait until both experts resolve.
        foreach (var expert in new[] { scenario.PrimaryId, scenario.FallbackId })
        {
            await Eventually.Succeeds(async () =>
            {
                using var response = await silo.Http.GetAsync(new Uri($"/v1/models/{expert}", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK ? true : throw new InvalidOperationException($"GET /v1/models/{expert}: {(int)response.StatusCode}");
            }, TimeSpan.FromSeconds(15), $"the API catalog listing {expert}");
        }
        return scenario;
    }

    /// <summary>The local tenant's spending now (settled and reserved).</summary>
    public Task<TenantUsage> UsageAsync() => _silo.Client.GetTenantUsageAsync(LocalTenant);

    /// <summary>
    /// POSTs a chat completion naming the primary (and the fallback after it when <paramref name="withFallback"/>), and
    /// reads the whole answer: the JSON body, or every SSE <c>data:</c> payload when streamed.
    /// </summary>
    public async Task<ApiCall> AskAsync(string prompt, bool stream, bool withFallback = true)
    {
        var body = new JsonObject
        {
            ["model"] = PrimaryId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"{prompt} ({Guid.NewGuid():n})" }),
            ["stream"] = stream,
        };
        if (withFallback) body["models"] = new JsonArray(PrimaryId, FallbackId);
        var watch = Stopwatch.StartNew();
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _silo.Http.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        watch.Stop();
        var expert = response.Headers.TryGetValues("x-moecraft-expert", out var values) ? values.Single() : null;
        return new ApiCall((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, expert, watch.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await Primary.DisposeAsync();
        await Fallback.DisposeAsync();
    }
}
