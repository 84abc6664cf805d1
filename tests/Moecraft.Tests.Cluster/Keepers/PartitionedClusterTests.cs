using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.Keepers;

/// <summary>Tests on a one-silo SQLite cluster of their own whose calls into a grain interface they can cut off (<see cref="CallPartition"/>).</summary>
public abstract class PartitionedClusterTests : IAsyncLifetime
{
    private SqliteTestCluster _cluster = null!;

    protected CallPartition Partition { get; } = new();

    protected IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync() =>
        _cluster = await SqliteTestCluster.StartAsync(silos: 1, configureSilo: silo => silo.AddIncomingGrainCallFilter(Partition));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
