using System.Net.Http.Headers;
using System.Text.Json;
using Moecraft.Client;
using Moecraft.Federation;
using Moecraft.Identity;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>
/// One sovereign node for the cross-cluster tests: a real silo process that is a cluster of its own, with its own SQLite
/// data directory, key, gateway and HTTP port, and an Orleans client on its gateway standing in for its operator.
/// Heartbeat timers are off (tests send them). <see cref="RestartAsync"/> brings the same node back on the same data.
/// </summary>
public sealed class SovereignNode : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private SovereignNode(string name, TempDirectory data, SiloProcess silo, MoecraftClient client)
    {
        (Name, _data, Silo, Client) = (name, data, silo, client);
    }

    public string Name { get; }

    public SiloProcess Silo { get; private set; }

    public MoecraftClient Client { get; private set; }

    public Uri BaseAddress => Silo.BaseAddress;

    public IFederationPeerGrain Peer => Client.Cluster.GetGrain<IFederationPeerGrain>(Name);

    /// <summary>Starts the nodes together; if any fails to start, the others are stopped before the failure is thrown.</summary>
    public static async Task<SovereignNode[]> StartAllAsync(IEnumerable<(string Name, string[] Arguments)> nodes)
    {
        var starting = nodes.Select(n => StartAsync(n.Name, n.Arguments)).ToArray();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var node in starting.Where(s => s.IsCompletedSuccessfully)) await node.Result.DisposeAsync();
            throw;
        }
    }

    private static async Task<SovereignNode> StartAsync(string name, string[] arguments)
    {
        var data = new TempDirectory($"moecraft-fed-{name}");
        SiloProcess? silo = null;
        try
        {
            silo = await SiloProcess.StartAsync(data.Path, FreePorts.Take(3),
                [$"--Moecraft:NodeName={name}", "--Moecraft:Federation:HeartbeatTimer=false", .. arguments]);
            var client = await ConnectAsync(silo);
            return new SovereignNode(name, data, silo, client);
        }
        catch
        {
            if (silo is not null) await silo.DisposeAsync();
            data.Dispose();
            throw;
        }
    }

    private static Task<MoecraftClient> ConnectAsync(SiloProcess silo) =>
        MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [silo.GatewayPort] });

    /// <summary>kill -9 of the node's silo: nothing flushed, no goodbye.</summary>
    public Task KillAsync() => Silo.KillAsync();

    /// <summary>Starts the killed (or stopped) silo again with the same ports, name, key and data, and reconnects the client.</summary>
    public async Task RestartAsync()
    {
        await Client.DisposeAsync();
        Silo = await Silo.StartAgainAsync();
        Client = await ConnectAsync(Silo);
    }

    /// <summary>What the node holds: its peer table and its clock, to show a refused request changed nothing.</summary>
    public async Task<string> StateAsync()
    {
        var peers = await Peer.GetPeers();
        var clock = await Peer.GetClock();
        return JsonSerializer.Serialize(new { peers = peers.Select(p => new { p.Name, p.NodeId, p.Tier, p.LastHeartbeat, p.Remote, p.Address }), clock });
    }

    /// <summary>A request to this node's surface signed by <paramref name="key"/> as <paramref name="origin"/>.</summary>
    public HttpRequestMessage Signed<T>(INodeSigner key, string origin, string path, T body, string? destination = null, string? method = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, FederationWire.Json);
        var uri = new Uri(BaseAddress, path);
        var request = new HttpRequestMessage(new HttpMethod(method ?? "POST"), uri) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", FederationRequestSigner.Sign(
            key, origin, destination ?? Name, method ?? "POST", uri.PathAndQuery, bytes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Silo.DisposeAsync();
        _data.Dispose();
    }
}
