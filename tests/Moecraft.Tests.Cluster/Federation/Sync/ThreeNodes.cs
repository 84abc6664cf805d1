using Moecraft.Federation;
using Moecraft.Hosting.Configuration;
using Moecraft.Tests.Federation.Peers;

namespace Moecraft.Tests.Federation.Sync;

/// <summary>
/// A fresh three-node federation per test class (tests here change tiers, so they do not share a cluster): nodes A, B and
/// C, each its own silo, that have exchanged manifests (every peer UNKNOWN until a test rates it).
/// </summary>
public abstract class ThreeNodes : IAsyncLifetime
{
    protected FederationTestCluster Cluster { get; private set; } = null!;

    protected string A => Cluster.Nodes[0];

    protected string B => Cluster.Nodes[1];

    protected string C => Cluster.Nodes[2];

    /// <summary>Adjusts every node's options before the silos start.</summary>
    protected virtual void Configure(MoecraftSiloOptions options)
    {
    }

    /// <summary>Adds to every node's silo before it starts (a call filter, say).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    public virtual async Task InitializeAsync()
    {
        Cluster = await FederationTestCluster.StartAsync(3, configure: (_, options) => Configure(options), configureSilo: ConfigureSilo);
        foreach (var node in Cluster.Nodes) await Cluster.Peer(node).DiscoverPeers();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>An operator on <paramref name="node"/> rates <paramref name="peer"/>.</summary>
    protected Task RateAsync(string node, string peer, TrustTier tier) => Cluster.Peer(node).SetTier(peer, tier, "operator:test");
}
