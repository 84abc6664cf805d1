using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Moecraft.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Moecraft.Tests.Cluster;

/// <summary>
/// An in-process cluster whose silos store grain state through the ADO.NET provider on one SQLite file,
/// composed with the same <see cref="SiloBuilderExtensions.AddMoecraft"/> the silo host uses.
/// </summary>
public sealed class SqliteTestCluster : IAsyncDisposable
{
    // Null when the caller owns the data directory (a restart test starts a second cluster on the same file).
    private readonly TempDirectory? _data;

    private SqliteTestCluster(short silos, string? dataDirectory, Action<MoecraftSiloOptions>? configure, Action<ISiloBuilder>? configureSilo)
    {
        _data = dataDirectory is null ? new TempDirectory("moecraft-sqlite-cluster") : null;
        DataDirectory = dataDirectory ?? _data!.Path;
        var options = new MoecraftSiloOptions
        {
            Storage = new MoecraftStorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = DataDirectory },
            Seed = new MoecraftSeedOptions { Enabled = false },
            // Tests of everything but the model keep the hashing embedder: no model to load, microseconds a prompt.
            Embeddings = new MoecraftEmbeddingOptions { Embedder = MoecraftEmbeddingOptions.Hashing },
        };
        configure?.Invoke(options);
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        // Stored rows are keyed by service id: a fixed one lets a restarted cluster read what the first one wrote.
        builder.Options.ServiceId = options.ServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMoecraft(options).UseInMemoryReminderService();
            configureSilo?.Invoke(silo);
        });
        Cluster = builder.Build();
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, MoecraftStorageOptions.DatabaseFileName);

    /// <summary>
    /// Starts the silos on a fresh temp database, or on <paramref name="dataDirectory"/> (kept on dispose) when given;
    /// <paramref name="configure"/> adjusts the silo options first; <paramref name="configureSilo"/> adds to each silo
    /// (a log capture, say). The node key file lands in the data directory (the default key file location).
    /// </summary>
    public static async Task<SqliteTestCluster> StartAsync(
        short silos = 3, string? dataDirectory = null, Action<MoecraftSiloOptions>? configure = null, Action<ISiloBuilder>? configureSilo = null)
    {
        var cluster = new SqliteTestCluster(silos, dataDirectory, configure, configureSilo);
        await cluster.Cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The silo that currently hosts the grain's activation.</summary>
    public InProcessSiloHandle HostOf(IAddressable grain)
    {
        if (!Cluster.TryGetGrainContext(grain.GetGrainId(), out var context))
            throw new InvalidOperationException($"{grain.GetGrainId()} has no activation.");
        return Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress));
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _data?.Dispose();
    }
}
