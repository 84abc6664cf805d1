using Moecraft.Experts;
using Moecraft.Federation;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>
/// Three sovereign nodes, each its own cluster (<see cref="SovereignNode"/>: alpha, beta, gamma), for relay, convergence,
/// remote experts and a node killed mid-sync. Beta offers <see cref="OfferedExpert"/> (a simulated expert).
/// </summary>
public sealed class ThreeClusters : IAsyncLifetime
{
    public const string OfferedExpert = "fed-oracle";

    public SovereignNode Alpha { get; private set; } = null!;

    public SovereignNode Beta { get; private set; } = null!;

    public SovereignNode Gamma { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var nodes = await SovereignNode.StartAllAsync([("alpha", []), ("beta", [$"--Moecraft:Federation:ExpertsOffered:0={OfferedExpert}"]), ("gamma", [])]);
        (Alpha, Beta, Gamma) = (nodes[0], nodes[1], nodes[2]);
        await Beta.Client.Cluster.GetGrain<IExpertGrain>(OfferedExpert).Register(TestRouters.Expert(OfferedExpert, 1m, 4m));
    }

    /// <summary>
    /// <paramref name="caller"/>'s operator adds <paramref name="server"/> by address (<paramref name="via"/> if given)
    /// and rates it CORE; <paramref name="server"/>'s operator rates the caller <paramref name="tier"/>.
    /// </summary>
    public static async Task LinkAsync(SovereignNode caller, SovereignNode server, TrustTier tier = TrustTier.Core, Uri? via = null)
    {
        await caller.Peer.AddPeer((via ?? server.BaseAddress).ToString());
        await caller.Peer.SetTier(server.Name, TrustTier.Core, "test");
        await server.Peer.SetTier(caller.Name, tier, "test");
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { Alpha, Beta, Gamma })
            if (node is not null) await node.DisposeAsync();
    }
}

/// <summary>The tests that share one set of <see cref="ThreeClusters"/>; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ThreeClustersCollection : ICollectionFixture<ThreeClusters>
{
    public const string Name = "Three federated clusters";
}
