using Microsoft.Extensions.Time.Testing;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>
/// One three-node federation cluster on fake time, shared by the tests of <see cref="FederationClusterCollection"/>. They
/// run one after another; each sets the tiers it relies on, and uses fresh outsider names for peers it creates.
/// </summary>
public sealed class FederationClusterFixture : IAsyncLifetime
{
    public FederationTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        Cluster = await FederationTestCluster.StartAsync(nodes: 3, clock: clock);
        // Every node knows every other from the start.
        foreach (var node in Cluster.Nodes) await Cluster.Peer(node).DiscoverPeers();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FederationClusterCollection : ICollectionFixture<FederationClusterFixture>
{
    public const string Name = nameof(FederationClusterCollection);
}
