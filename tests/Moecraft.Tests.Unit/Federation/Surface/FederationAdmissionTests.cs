using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Surface;

public sealed class FederationAdmissionTests
{
    private static readonly Moecraft.Identity.NodeKey Carol = SurfaceKeys.Fresh();
    private static readonly FederationSignature Caller = new("carol", Carol.NodeId, "beta", 0, "nonce-aaaaaaaaaaaaaaaa", "sig");

    private static PeerInfo Row(TrustTier tier, bool remote = true, string? nodeId = null)
    {
        var manifest = ManifestFactory.Create(Carol, "carol", [], [], "test", TrustTier.Core, 0, 1);
        return new PeerInfo("carol", nodeId ?? Carol.NodeId, tier, PeerLiveness.Unseen, null, null, null, manifest, false, Remote: remote);
    }

    [Fact]
    public void An_unknown_caller_may_only_exchange_manifests()
    {
        Assert.Null(FederationAdmission.Refusal(FederationAction.ManifestExchange, Caller, null));
        foreach (var action in new[] { FederationAction.Heartbeat, FederationAction.PullPackets, FederationAction.SendPackets, FederationAction.QueryExperts })
        {
            var refusal = FederationAdmission.Refusal(action, Caller, null);
            Assert.NotNull(refusal);
            Assert.Equal(FederationRefusalKind.Unauthenticated, refusal.Kind);
            Assert.Contains("not a peer of this node", refusal.Reason);
        }
    }

    [Fact]
    public void A_caller_signing_with_another_key_than_its_manifest_named_is_refused_for_everything()
    {
        foreach (var action in Enum.GetValues<FederationAction>())
        {
            var refusal = FederationAdmission.Refusal(action, Caller, Row(TrustTier.Core, nodeId: SurfaceKeys.Fresh().NodeId));
            Assert.Equal(FederationRefusalKind.Unauthenticated, refusal?.Kind);
        }
    }

    [Fact]
    public void A_node_of_this_cluster_is_not_admitted_through_the_surface()
    {
        var refusal = FederationAdmission.Refusal(FederationAction.PullPackets, Caller, Row(TrustTier.Core, remote: false));
        Assert.Equal(FederationRefusalKind.Forbidden, refusal?.Kind);
        Assert.Contains("node of this cluster", refusal?.Reason);
    }

    [Fact]
    public void Every_cell_of_the_tier_matrix_decides_a_known_remote_caller()
    {
        foreach (var tier in Enum.GetValues<TrustTier>())
            foreach (var action in Enum.GetValues<FederationAction>())
            {
                var refusal = FederationAdmission.Refusal(action, Caller, Row(tier));
                var allowed = TierMatrix.Decide(action, tier) != FederationDecision.Refused;
                Assert.True(allowed == refusal is null, $"{tier} {action}: {refusal?.Reason}");
                if (refusal is not null) Assert.Equal(FederationRefusalKind.Forbidden, refusal.Kind);
            }
    }

    [Fact]
    public void A_manifest_or_heartbeat_must_be_the_signers_own()
    {
        var own = ManifestFactory.Create(Carol, "carol", [], [], "test", TrustTier.Core, 0, 1);
        Assert.Null(FederationAdmission.ManifestRefusal(own, Caller));
        var claimingAlpha = ManifestFactory.Create(Carol, "alpha", [], [], "test", TrustTier.Core, 0, 1);
        Assert.Equal(FederationRefusalKind.Unauthenticated, FederationAdmission.ManifestRefusal(claimingAlpha, Caller)?.Kind);
        var others = ManifestFactory.Create(SurfaceKeys.Fresh(), "carol", [], [], "test", TrustTier.Core, 0, 1);
        Assert.Equal(FederationRefusalKind.Unauthenticated, FederationAdmission.ManifestRefusal(others, Caller)?.Kind);

        var heartbeat = HeartbeatFactory.Create(Carol, "carol", new string('0', 64), null, 0);
        Assert.Null(FederationAdmission.HeartbeatRefusal(heartbeat, Caller));
        Assert.NotNull(FederationAdmission.HeartbeatRefusal(heartbeat with { Name = "alpha" }, Caller));
    }

    [Fact]
    public void A_node_of_this_cluster_is_core_and_only_remote_peers_take_another_tier()
    {
        Assert.Null(InClusterTierRule.Problem("silo2", remote: false, TrustTier.Core));
        Assert.Contains("CORE by construction", InClusterTierRule.Problem("silo2", remote: false, TrustTier.Sandbox));
        foreach (var tier in Enum.GetValues<TrustTier>()) Assert.Null(InClusterTierRule.Problem("carol", remote: true, tier));
    }

    [Theory]
    [InlineData("http://peer.example:8080/", "http://peer.example:8080")]
    [InlineData("https://peer.example/api", "https://peer.example/api")]
    public void A_peer_address_is_an_http_base_url(string given, string expected) => Assert.Equal(expected, PeerAddresses.Parse(given).ToString().TrimEnd('/'));

    [Theory]
    [InlineData("")]
    [InlineData("peer.example:8080")]
    [InlineData("ftp://peer.example")]
    [InlineData("http://user:pw@peer.example")]
    [InlineData("http://peer.example/?q=1")]
    public void A_peer_address_that_is_not_an_http_base_url_is_refused(string given) =>
        Assert.Throws<ArgumentException>(() => PeerAddresses.Parse(given));
}
