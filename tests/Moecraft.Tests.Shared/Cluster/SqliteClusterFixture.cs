namespace Moecraft.Tests.Cluster;

/// <summary>One three-silo SQLite cluster shared by tests that do not change its topology (they use unique keys).</summary>
public sealed class SqliteClusterFixture : IAsyncLifetime
{
    public SqliteTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await SqliteTestCluster.StartAsync(silos: 3);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
