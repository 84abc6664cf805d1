using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Hosting;
using Moecraft.Client;
using Moecraft.Embeddings;
using Moecraft.Experts;
using Moecraft.Experts.Embeddings;
using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Benchmarks;

/// <summary>
/// A request through the real stack: a single-node silo composed exactly like the product (SQLite storage in a
/// temporary folder) and an external client over loopback TCP. <see cref="Route"/> measures the router grain
/// alone; <see cref="Ask"/> is the open request path (embedding, gate, policy, a simulated expert with latency 0 that
/// persists its counters, the feedback memory); <see cref="AskTenant"/> adds a tenant: budget reservation and settlement,
/// the ledger line and the cache store, with a new prompt each time; <see cref="AskCacheHit"/> asks one prompt again, so the
/// tenant's surrogate cache answers.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class that derives from it.</remarks>
[MemoryDiagnoser]
public class RoutingRoundTripBenchmarks
{
    private const string RouterId = "bench";
    private const string ClusterName = "moecraft-bench";
    private const int RosterWidth = 16;
    private const int ExpertCount = 8;
    private const string Prompt = "Explain how a mixture-of-experts router picks the experts for a prompt.";

    private string _dataDirectory = string.Empty;
    private IHost? _silo;
    private MoecraftClient? _client;
    private const string Tenant = "bench-tenant";

    private float[] _vector = [];
    private int _asks;

    [GlobalSetup]
    public async Task Setup()
    {
        _dataDirectory = Directory.CreateTempSubdirectory("moecraft-bench-").FullName;
        var options = new MoecraftSiloOptions
        {
            NodeName = "bench",
            ClusterId = ClusterName,
            ServiceId = ClusterName,
            Storage = { Provider = StorageProvider.Sqlite, DataDirectory = _dataDirectory },
            Endpoints = { SiloPort = FreePort.Next(), GatewayPort = FreePort.Next() },
            // The benchmark builds its own router below; the demo experts have latencies that would swamp the figures.
            Seed = { Enabled = false },
            // The round trip routes hashing vectors: the embedder the router is made for (RouterConfiguration.Default).
            Embeddings = { Embedder = MoecraftEmbeddingOptions.Hashing },
        };

        // No default logging providers: console logging between iterations would distort the measurements.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseMoecraftClustering(options).AddMoecraft(options));
        _silo = builder.Build();
        await _silo.StartAsync();

        _client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions
        {
            Mode = ClusterConnectionMode.Localhost,
            GatewayPorts = [options.Endpoints.GatewayPort],
            ClusterId = ClusterName,
            ServiceId = ClusterName,
        });

        await _client.ConfigureRouterAsync(RouterId, RouterConfiguration.Default with { Width = RosterWidth });
        for (var i = 0; i < ExpertCount; i++)
        {
            var id = $"bench-expert-{i}";
            await _client.RegisterExpertAsync(new ExpertDefinition(
                id, BackendKind.Simulated, "sim-bench", Endpoint: null, new ExpertPricing(0.50m, 1.50m), ExpertTier.Standard,
                ["chat"], new SimulationSettings(Seed: i + 1, LatencyMs: 0, OutputTokens: 64, FailureRate: 0)), RouterId);
        }

        _vector = new HashingEmbedder(KnownEmbedders.Hashing.Dimension).Embed(Prompt);
        await _client.ConfigureTenantAsync(Tenant, new TenantSettings(1_000_000m, BudgetPeriod.Monthly, 0, RoutingPolicyNames.Cheapest, []));
        await _client.AskAsync(new AskRequest("warm-cache", Prompt, TenantId: Tenant), RouterId);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_client is not null) await _client.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    [Benchmark(Description = "RouteAsync(vector): router grain")]
    public Task<RouteDecision> Route() => _client!.RouteAsync(_vector, RouterId);

    [Benchmark(Description = "AskAsync(prompt): embed + route + simulated expert")]
    public Task<AskResult> Ask() => _client!.AskAsync(Prompt, RouterId);

    [Benchmark(Description = "AskAsync(tenant, new prompt): + budget, ledger, cache store")]
    public Task<AskResult> AskTenant()
    {
        var n = Interlocked.Increment(ref _asks);
        return _client!.AskAsync(new AskRequest($"t-{n}", $"{Prompt} Variant number {n}.", TenantId: Tenant), RouterId);
    }

    [Benchmark(Description = "AskAsync(tenant, same prompt): surrogate cache hit")]
    public Task<AskResult> AskCacheHit()
    {
        var n = Interlocked.Increment(ref _asks);
        return _client!.AskAsync(new AskRequest($"h-{n}", Prompt, TenantId: Tenant), RouterId);
    }
}
