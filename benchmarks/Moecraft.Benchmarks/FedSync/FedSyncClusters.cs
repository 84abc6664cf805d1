using Moecraft.Client;
using Moecraft.Federation;

namespace Moecraft.Benchmarks.FedSync;

/// <summary>
/// N sovereign nodes, each its own cluster: a silo process with its own SQLite database, key, gateway and HTTP port
/// (<see cref="SiloNodeProcess"/>), and an Orleans client on its gateway standing in for its operator. Nodes add each
/// other by address (<c>moecraft peers add URL</c>) and sync through the signed federation surface over HTTP. The bench
/// raises each node's per-peer request budget, which at the default (600 a minute) would pace a large sync, and uses the
/// hashing embedder so N processes need not each load a model.
/// </summary>
internal sealed class FedSyncClusters : IFedSyncNodes
{
    public const int RequestsPerMinute = 600_000;

    private readonly IReadOnlyList<(string Name, SiloNodeProcess Silo, MoecraftClient Client)> _nodes;

    private FedSyncClusters(IReadOnlyList<(string, SiloNodeProcess, MoecraftClient)> nodes) => _nodes = nodes;

    public string Description =>
        $"{_nodes.Count} separate clusters (one silo process each, its own SQLite database), syncing over the signed federation HTTP surface";

    public IReadOnlyList<string> Nodes => [.. _nodes.Select(n => n.Name)];

    public IFederationPeerGrain Peer(string node) => _nodes.Single(n => n.Name == node).Client.Cluster.GetGrain<IFederationPeerGrain>(node);

    public static async Task<FedSyncClusters> StartAsync(int count, string? siloAssembly)
    {
        var assembly = await BuiltSilo.PathAsync(siloAssembly);
        var starting = Enumerable.Range(0, count).Select(i => StartNodeAsync(assembly, $"fed-{i}")).ToArray();
        try
        {
            return new FedSyncClusters(await Task.WhenAll(starting));
        }
        catch
        {
            foreach (var node in starting.Where(s => s.IsCompletedSuccessfully)) await DisposeNodeAsync(node.Result);
            throw;
        }
    }

    private static async Task<(string, SiloNodeProcess, MoecraftClient)> StartNodeAsync(string assembly, string name)
    {
        var silo = await SiloNodeProcess.StartAsync(assembly, name,
            "--Moecraft:Federation:HeartbeatTimer=false",
            $"--Moecraft:Federation:Surface:RequestsPerMinute={RequestsPerMinute}",
            "--Moecraft:Embeddings:Embedder=hashing");
        try
        {
            // One sync pulls every packet a peer holds; at thousands of packets that can outlast the default 30 s.
            var client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [silo.GatewayPort], ResponseTimeout = TimeSpan.FromMinutes(30) });
            return (name, silo, client);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    public async Task ConnectPeersAsync()
    {
        foreach (var (name, _, client) in _nodes)
        foreach (var other in _nodes.Where(o => o.Name != name))
            await client.AddPeerAsync(name, other.Silo.BaseAddress.ToString());
    }

    public TimeSpan ProcessorTime() => TimeSpan.FromTicks(_nodes.Sum(n => n.Silo.ProcessorTime.Ticks));

    public long DatabaseBytes() => _nodes.Sum(n => n.Silo.DatabaseBytes());

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await DisposeNodeAsync(node);
    }

    private static async Task DisposeNodeAsync((string Name, SiloNodeProcess Silo, MoecraftClient Client) node)
    {
        await node.Client.DisposeAsync();
        await node.Silo.DisposeAsync();
    }
}
