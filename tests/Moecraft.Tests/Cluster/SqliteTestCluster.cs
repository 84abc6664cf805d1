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
    private readonly TempDirectory _data = new("moecraft-sqlite-cluster");

    private SqliteTestCluster(short silos)
    {
        var options = new MoecraftSiloOptions
        {
            Storage = new MoecraftStorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = _data.Path },
            Seed = new MoecraftSeedOptions { Enabled = false },
        };
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddMoecraft(options).UseInMemoryReminderService());
        Cluster = builder.Build();
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public string DatabasePath => Path.Combine(_data.Path, MoecraftStorageOptions.DatabaseFileName);

    public static async Task<SqliteTestCluster> StartAsync(short silos = 3)
    {
        var cluster = new SqliteTestCluster(silos);
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
        _data.Dispose();
    }
}
