using Microsoft.Extensions.Logging;
using Moecraft.Federation;
using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Moecraft.Benchmarks.FedSync;

/// <summary>
/// N silos in this process on one temporary SQLite file, each its own federation node: its node name is its silo name and
/// it has its own key file (<c>{data}/keys/{silo}.key</c>). Composed with the product's
/// <see cref="SiloBuilderExtensions.AddMoecraft"/>, as the federation tests' cluster is; heartbeats are off (the bench
/// measures packet sync only) and log output is limited to errors on stderr so it does not interleave with the tables.
/// </summary>
internal sealed class FedSyncCluster : IFedSyncNodes
{
    private readonly InProcessTestCluster _cluster;

    // Stopping silos one after another makes the survivors log errors about the ones gone (the in-memory reminder table
    // lived on the first): expected during teardown, so logging goes quiet before it.
    private static volatile bool s_quiet;

    private FedSyncCluster(InProcessTestCluster cluster, string dataDirectory)
    {
        _cluster = cluster;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>The node names (the silos' names), in start order.</summary>
    public IReadOnlyList<string> Nodes { get; private set; } = [];

    public string Description => $"{Nodes.Count} in-process silos of one cluster on one SQLite database, syncing by grain calls";

    public IFederationPeerGrain Peer(string node) => _cluster.Client.GetGrain<IFederationPeerGrain>(node);

    /// <summary>Every node exchanges manifests with the membership until it knows every other node (membership may lag a moment).</summary>
    public async Task ConnectPeersAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var tables = await Task.WhenAll(Nodes.Select(n => Peer(n).DiscoverPeers()));
            if (tables.All(t => t.Length >= Nodes.Count - 1)) return;
            if (attempt == 20)
                throw new InvalidOperationException($"Discovery found {string.Join(", ", tables.Select(t => t.Length))} peers per node, not {Nodes.Count - 1}.");
            await Task.Delay(250);
        }
    }

    public static async Task<FedSyncCluster> StartAsync(int nodes)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("moecraft-fedsync-").FullName;
        var serviceId = new MoecraftSiloOptions().ServiceId;
        var builder = new InProcessTestClusterBuilder((short)nodes);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ServiceId = serviceId;
        builder.ConfigureHost(host =>
        {
            host.Logging.ClearProviders();
            host.Logging.SetMinimumLevel(LogLevel.Error);
            host.Logging.AddFilter((_, level) => level >= LogLevel.Error && !s_quiet);
            host.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        // One sync pulls every packet a peer holds; at thousands of packets that can outlast the default 30 s response timeout.
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(30)));
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            siloBuilder.AddMoecraft(new MoecraftSiloOptions
            {
                NodeName = silo.SiloName,
                Storage = new MoecraftStorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = dataDirectory },
                Seed = new MoecraftSeedOptions { Enabled = false },
                Identity = new MoecraftIdentityOptions { KeyFile = Path.Combine(dataDirectory, "keys", silo.SiloName + ".key") },
                Federation = new MoecraftFederationOptions { Enabled = true, HeartbeatTimer = false },
                // Federation sync only: N nodes in one process need not each load a model.
                Embeddings = new MoecraftEmbeddingOptions { Embedder = MoecraftEmbeddingOptions.Hashing },
            }).UseInMemoryReminderService();
            siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
        });
        var cluster = new FedSyncCluster(builder.Build(), dataDirectory);
        try
        {
            await cluster._cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        cluster.Nodes = [.. cluster._cluster.Silos.Select(s => s.Name)];
        return cluster;
    }

    public TimeSpan ProcessorTime() => Environment.CpuUsage.TotalTime;

    /// <summary>The size of the SQLite database files (main file, WAL and shared memory) in bytes.</summary>
    public long DatabaseBytes() =>
        Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "keys" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length);

    public async ValueTask DisposeAsync()
    {
        s_quiet = true;
        try
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
        finally
        {
            try { Directory.Delete(DataDirectory, recursive: true); }
            catch (IOException) { /* SQLite may still hold the file for a moment; the OS temp cleaner gets it */ }
        }
    }
}
