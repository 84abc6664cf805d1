using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>ExchangeManifest on a live node: verified manifests are recorded (new peers UNKNOWN), bad ones refused with nothing stored.</summary>
[Collection(FederationClusterCollection.Name)]
public sealed class ManifestExchangeTests(FederationClusterFixture fixture)
{
    private FederationTestCluster Cluster => fixture.Cluster;

    private IFederationPeerGrain A => Cluster.Peer(Cluster.Nodes[0]);

    private static string Fresh(string what) => $"outsider-{what}-{Guid.NewGuid():n}";

    [Fact]
    public async Task A_new_peer_is_unknown_even_when_it_requests_core()
    {
        using var key = FederationVectors.Outsider(11);
        var name = Fresh("new");
        var sent = Cluster.OutsiderManifest(key, name, TrustTier.Core);

        var ours = await A.ExchangeManifest(sent);

        Assert.Equal(Cluster.Nodes[0], ours.Name);
        Assert.Null(ManifestVerifier.Failure(ours, Cluster.Now));
        var row = Assert.Single(await A.GetPeers(), p => p.Name == name);
        Assert.Equal(TrustTier.Unknown, row.Tier);
        Assert.Equal(TrustTier.Core, row.Manifest.RequestedTier);
        Assert.Equal(key.NodeId, row.NodeId);
        Assert.Equal(PeerLiveness.Unseen, row.Liveness);
        Assert.Equal(ManifestCanonical.Text(sent), ManifestCanonical.Text(row.Manifest));
        Assert.Equal(sent.Signature, row.Manifest.Signature);
    }

    [Fact]
    public async Task A_known_name_from_another_key_is_refused_and_nothing_is_stored()
    {
        using var first = FederationVectors.Outsider(12);
        using var second = FederationVectors.Outsider(13);
        var name = Fresh("wrong-key");
        var original = Cluster.OutsiderManifest(first, name);
        await A.ExchangeManifest(original);

        var error = await Assert.ThrowsAsync<FederationRefusedException>(() => A.ExchangeManifest(Cluster.OutsiderManifest(second, name)));
        Assert.Contains("manifest from the wrong key", error.Message, StringComparison.OrdinalIgnoreCase);
        var row = Assert.Single(await A.GetPeers(), p => p.Name == name);
        Assert.Equal(first.NodeId, row.NodeId);
        Assert.Equal(original.Signature, row.Manifest.Signature);
    }

    [Fact]
    public async Task A_cluster_nodes_name_signed_by_an_outsider_is_refused()
    {
        var b = Cluster.Nodes[1];
        var before = Assert.Single(await A.GetPeers(), p => p.Name == b);
        using var impostor = FederationVectors.Outsider(14);

        var error = await Assert.ThrowsAsync<FederationRefusedException>(() => A.ExchangeManifest(Cluster.OutsiderManifest(impostor, b)));
        Assert.Contains("wrong key", error.Message);
        var after = Assert.Single(await A.GetPeers(), p => p.Name == b);
        Assert.Equal(before.NodeId, after.NodeId);
        Assert.Equal(before.Manifest.Signature, after.Manifest.Signature);
    }

    [Fact]
    public async Task Tampered_expired_future_and_self_naming_manifests_are_refused_and_nothing_is_stored()
    {
        using var key = FederationVectors.Outsider(15);
        var now = Cluster.Now;
        var cases = new (string Name, Func<string, PeerManifest> Make, string Expected)[]
        {
            (Fresh("tampered"), n => Cluster.OutsiderManifest(key, n) with { ExpertsOffered = ["stolen"] }, "bad signature"),
            (Fresh("expired"), n => ManifestFactory.Create(key, n, [], [], "test", TrustTier.Core, now - 2 * 86_400_000L, now - 86_400_000L), "expired"),
            (Fresh("future"), n => ManifestFactory.Create(key, n, [], [], "test", TrustTier.Core, now + 600_000L, now + 86_400_000L), "issued in the future"),
            (Fresh("bad-id"), n => Cluster.OutsiderManifest(key, n) with { NodeId = "nope" }, "node id"),
        };
        var countBefore = (await A.GetPeers()).Length;
        foreach (var (name, make, expected) in cases)
        {
            var error = await Assert.ThrowsAsync<FederationRefusedException>(() => A.ExchangeManifest(make(name)));
            Assert.Contains(expected, error.Message);
            Assert.DoesNotContain(await A.GetPeers(), p => p.Name == name);
        }

        var self = await Assert.ThrowsAsync<FederationRefusedException>(() => A.ExchangeManifest(Cluster.OutsiderManifest(key, Cluster.Nodes[0])));
        Assert.Contains("own name or key", self.Message);
        Assert.Equal(countBefore, (await A.GetPeers()).Length);
    }

    [Fact]
    public async Task An_older_manifest_than_the_one_held_is_refused()
    {
        using var key = FederationVectors.Outsider(16);
        var name = Fresh("rollback");
        var now = Cluster.Now;
        var older = ManifestFactory.Create(key, name, [], ["v1"], "test", TrustTier.Core, now - 60_000, now + 86_400_000);
        var newer = ManifestFactory.Create(key, name, [], ["v2"], "test", TrustTier.Core, now - 30_000, now + 86_400_000);
        await A.ExchangeManifest(newer);

        var error = await Assert.ThrowsAsync<FederationRefusedException>(() => A.ExchangeManifest(older));
        Assert.Contains("before the one held", error.Message);
        Assert.Equal(["v2"], Assert.Single(await A.GetPeers(), p => p.Name == name).Manifest.ExpertsOffered.ToArray());

        // The same manifest again is a no-op; a newer one replaces it and keeps the tier.
        await A.ExchangeManifest(newer);
        await A.SetTier(name, TrustTier.External, "operator:test");
        var newest = ManifestFactory.Create(key, name, [], ["v3"], "test", TrustTier.Core, now, now + 86_400_000);
        await A.ExchangeManifest(newest);
        var row = Assert.Single(await A.GetPeers(), p => p.Name == name);
        Assert.Equal(["v3"], row.Manifest.ExpertsOffered.ToArray());
        Assert.Equal(TrustTier.External, row.Tier);
    }
}
