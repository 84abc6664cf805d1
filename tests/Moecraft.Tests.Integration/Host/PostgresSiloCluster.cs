using Moecraft.Client;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Host;

/// <summary>
/// Real silo processes forming one cluster on a throwaway PostgreSQL, each a node as docker-compose runs one
/// (<see cref="SiloProcess.StartNodeAsync"/>: node1, node2, ...). The first node seeds the default router with
/// the simulated demo experts. A node can be killed (kill -9) and started again, as a chaos test needs.
/// </summary>
public sealed class PostgresSiloCluster : IAsyncDisposable
{
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(90);

    private readonly PostgresServer _postgres;
    private readonly TempDirectory _data;
    private readonly SiloProcess[] _silos;

    private PostgresSiloCluster(PostgresServer postgres, TempDirectory data, string connectionString, SiloProcess[] silos)
    {
        _postgres = postgres;
        _data = data;
        ConnectionString = connectionString;
        _silos = silos;
    }

    /// <summary>The cluster's database: membership, grain state, ledger and audit.</summary>
    public string ConnectionString { get; }

    public int Count => _silos.Length;

    /// <summary>The process of node <paramref name="index"/> (0-based): the latest one, after a restart.</summary>
    public SiloProcess this[int index] => _silos[index];

    public static string NodeName(int index) => $"node{index + 1}";

    /// <summary>
    /// Starts PostgreSQL and <paramref name="silos"/> silo processes (all at once: the schema bootstrap takes a lock) and
    /// waits until every one is an active member. <paramref name="extraArguments"/> go to every silo.
    /// </summary>
    public static async Task<PostgresSiloCluster> StartAsync(int silos, params string[] extraArguments)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(silos);
        var postgres = await PostgresServer.StartAsync();
        var data = new TempDirectory("moecraft-cluster");
        var started = new List<Task<SiloProcess>>();
        try
        {
            var connectionString = await postgres.CreateDatabaseAsync("cluster");
            for (var i = 0; i < silos; i++)
            {
                string[] seed = i == 0 ? ["--Moecraft:Seed:Enabled=true"] : [];
                started.Add(SiloProcess.StartNodeAsync(NodeName(i), connectionString, data.Path, [.. extraArguments, .. seed]));
            }
            var cluster = new PostgresSiloCluster(postgres, data, connectionString, await Task.WhenAll(started));
            await cluster.WaitForActiveSilosAsync(silos);
            return cluster;
        }
        catch
        {
            foreach (var silo in started.Where(t => t.IsCompletedSuccessfully)) await silo.Result.DisposeAsync();
            data.Dispose();
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client through the SDK, finding the gateways in the membership table as an operator's client does.</summary>
    public Task<MoecraftClient> ConnectAsync(Action<MoecraftClientOptions>? configure = null)
    {
        var options = new MoecraftClientOptions { Mode = ClusterConnectionMode.AdoNet, ConnectionString = ConnectionString };
        configure?.Invoke(options);
        return MoecraftClient.ConnectAsync(options);
    }

    /// <summary>The node whose gateway listens on <paramref name="gatewayPort"/>.</summary>
    public int IndexOfGateway(int gatewayPort) =>
        Array.FindIndex(_silos, s => s.GatewayPort == gatewayPort) is var index and >= 0
            ? index
            : throw new ArgumentException($"No node of this cluster has gateway port {gatewayPort}.", nameof(gatewayPort));

    /// <summary>kill -9 of node <paramref name="index"/> (see <see cref="SiloProcess.KillAsync"/>).</summary>
    public Task KillAsync(int index) => _silos[index].KillAsync();

    /// <summary>Starts a killed or stopped node again (same name, ports and data) and waits until it is active.</summary>
    public async Task RestartAsync(int index)
    {
        var again = await _silos[index].StartAgainAsync();
        await _silos[index].DisposeAsync();
        _silos[index] = again;
        await WaitForActiveSilosAsync(_silos.Count(s => !s.HasExited));
    }

    /// <summary>Waits until the membership shows exactly <paramref name="count"/> active silos (a killed one declared dead, a restarted one joined).</summary>
    public async Task WaitForActiveSilosAsync(int count)
    {
        await using var client = await Eventually.Succeeds(() => ConnectAsync(), JoinTimeout, "connecting to the cluster");
        await Eventually.Succeeds(async () =>
        {
            var active = (await client.GetSilosAsync()).Count(s => s.Status == "Active");
            return active == count ? active : throw new InvalidOperationException($"{active} active silos, waiting for {count}");
        }, JoinTimeout, $"{count} active silos");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        _data.Dispose();
        await _postgres.DisposeAsync();
    }
}
