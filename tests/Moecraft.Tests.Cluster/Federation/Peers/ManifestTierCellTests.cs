using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>The "manifest exchange" row of the tier matrix (SPEC 6): a peer of every tier may send a newer manifest, and it never changes its tier.</summary>
[Collection(FederationClusterCollection.Name)]
public sealed class ManifestTierCellTests(FederationClusterFixture fixture)
{
    private FederationTestCluster Cluster => fixture.Cluster;

    private IFederationPeerGrain A => Cluster.Peer(Cluster.Nodes[0]);

    [Theory]
    [InlineData(TrustTier.Core)]
    [InlineData(TrustTier.Sandbox)]
    [InlineData(TrustTier.External)]
    [InlineData(TrustTier.Unknown)]
    public async Task A_peer_of_any_tier_may_exchange_manifests_and_keeps_the_tier_this_node_gave_it(TrustTier tier)
    {
        using var key = FederationVectors.Outsider((byte)(90 + (int)tier));
        var name = $"outsider-cell-{tier}-{Guid.NewGuid():n}";
        await A.ExchangeManifest(Cluster.OutsiderManifest(key, name, TrustTier.External));
        if (tier != TrustTier.Unknown) await A.SetTier(name, tier, "operator:test");

        var now = Cluster.Now;
        var newer = ManifestFactory.Create(key, name, ["heartbeat", "routing-priors"], ["outsider-expert-2"], "test-2", TrustTier.Core, now + 1_000, now + 86_400_000);
        var ours = await A.ExchangeManifest(newer);

        Assert.Null(ManifestVerifier.Failure(ours, now));
        var row = Assert.Single(await A.GetPeers(), p => p.Name == name);
        Assert.Equal(tier, row.Tier);
        Assert.Equal(newer.Signature, row.Manifest.Signature);
        Assert.Contains("outsider-expert-2", row.Manifest.ExpertsOffered);
    }
}
