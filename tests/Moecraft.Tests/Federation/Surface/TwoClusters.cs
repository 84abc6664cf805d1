using System.Net.Http.Headers;
using System.Text.Json;
using Moecraft.Client;
using Moecraft.Federation;
using Moecraft.Identity;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>
/// Two sovereign nodes, each its own cluster: a real silo process with its own SQLite data directory, key, gateway and
/// HTTP port (alpha and beta). They share nothing but the federation surface. Beta's per-peer budget is small
/// (<see cref="BetaRequestsPerMinute"/>) so a flood is cheap to show; heartbeat timers are off (tests send them).
/// </summary>
public sealed class TwoClusters : IAsyncLifetime
{
    public const int BetaRequestsPerMinute = 40;

    private readonly TempDirectory _alphaData = new("moecraft-fed-alpha");
    private readonly TempDirectory _betaData = new("moecraft-fed-beta");

    public SiloProcess Alpha { get; private set; } = null!;

    public SiloProcess Beta { get; private set; } = null!;

    public MoecraftClient AlphaClient { get; private set; } = null!;

    public MoecraftClient BetaClient { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        var starting = new[]
        {
            SiloProcess.StartAsync(_alphaData.Path, FreePorts.Take(3), "--Moecraft:NodeName=alpha", "--Moecraft:Federation:HeartbeatTimer=false"),
            SiloProcess.StartAsync(_betaData.Path, FreePorts.Take(3), "--Moecraft:NodeName=beta", "--Moecraft:Federation:HeartbeatTimer=false",
                $"--Moecraft:Federation:Surface:RequestsPerMinute={BetaRequestsPerMinute}"),
        };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var silo in starting.Where(s => s.IsCompletedSuccessfully)) await silo.Result.DisposeAsync();
            throw;
        }
        (Alpha, Beta) = (starting[0].Result, starting[1].Result);
        AlphaClient = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [Alpha.GatewayPort] });
        BetaClient = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [Beta.GatewayPort] });
    }

    public IFederationPeerGrain AlphaPeer => AlphaClient.Cluster.GetGrain<IFederationPeerGrain>("alpha");

    public IFederationPeerGrain BetaPeer => BetaClient.Cluster.GetGrain<IFederationPeerGrain>("beta");

    /// <summary>What beta holds: its peer table and its clock, to show a refused request changed nothing.</summary>
    public async Task<string> BetaStateAsync()
    {
        var peers = await BetaPeer.GetPeers();
        var clock = await BetaPeer.GetClock();
        return JsonSerializer.Serialize(new { peers = peers.Select(p => new { p.Name, p.NodeId, p.Tier, p.LastHeartbeat, p.Remote, p.Address }), clock });
    }

    /// <summary>A request to beta's surface signed by <paramref name="key"/> as <paramref name="origin"/>.</summary>
    public HttpRequestMessage SignedToBeta<T>(INodeSigner key, string origin, string path, T body, string destination = "beta", string? method = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, FederationWire.Json);
        var uri = new Uri(Beta.BaseAddress, path);
        var request = new HttpRequestMessage(new HttpMethod(method ?? "POST"), uri) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", FederationRequestSigner.Sign(
            key, origin, destination, method ?? "POST", uri.PathAndQuery, bytes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        return request;
    }

    /// <summary>An outsider's manifest, valid for a day.</summary>
    public static PeerManifest Manifest(INodeSigner key, string name)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return ManifestFactory.Create(key, name, ["heartbeat"], [], "test", TrustTier.Core, now, now + 86_400_000);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (AlphaClient is not null) await AlphaClient.DisposeAsync();
        if (BetaClient is not null) await BetaClient.DisposeAsync();
        if (Alpha is not null) await Alpha.DisposeAsync();
        if (Beta is not null) await Beta.DisposeAsync();
        _alphaData.Dispose();
        _betaData.Dispose();
    }
}

/// <summary>The tests that share one pair of <see cref="TwoClusters"/>; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class TwoClustersCollection : ICollectionFixture<TwoClusters>
{
    public const string Name = "Two federated clusters";
}
