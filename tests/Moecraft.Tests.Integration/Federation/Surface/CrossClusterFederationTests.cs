using System.Net.Http.Json;
using System.Globalization;
using System.Net;
using Moecraft.Federation;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>
/// Two separate clusters federate through their federation surfaces only: added by address (the CLI), manifests verified
/// first, tiers assigned by each operator, a heartbeat and a knowledge packet carried across by signed HTTP requests.
/// </summary>
[Collection(TwoClustersCollection.Name)]
public sealed class CrossClusterFederationTests(TwoClusters clusters)
{
    [Fact]
    public async Task Two_clusters_add_each_other_by_address_and_a_packet_syncs_across_within_the_tiers()
    {
        var alphaPort = clusters.Alpha.GatewayPort.ToString(CultureInfo.InvariantCulture);
        var betaPort = clusters.Beta.GatewayPort.ToString(CultureInfo.InvariantCulture);

        // Alpha's operator adds beta by address: beta's manifest is verified, beta starts UNKNOWN, and alpha introduces itself.
        var added = await DotnetCommand.CliAsync("--gateway-port", alphaPort, "peers", "add", clusters.Beta.BaseAddress.ToString());
        Assert.True(added.ExitCode == 0, added.Error);
        Assert.Contains($"Node alpha added peer beta (", added.Output);
        Assert.Contains("rated UNKNOWN", added.Output);
        var betaOnAlpha = Assert.Single(await clusters.AlphaPeer.GetPeers());
        Assert.True(betaOnAlpha.Remote);
        Assert.Equal(TrustTier.Unknown, betaOnAlpha.Tier);
        var alphaOnBeta = Assert.Single(await clusters.BetaPeer.GetPeers(), p => p.Name == "alpha");
        Assert.True(alphaOnBeta.Remote);
        Assert.Null(alphaOnBeta.Address);
        Assert.Equal(TrustTier.Unknown, alphaOnBeta.Tier);

        // Beta's operator adds alpha back (so beta can pull from it); the same key, now with an address.
        var back = await DotnetCommand.CliAsync("--gateway-port", betaPort, "peers", "add", clusters.Alpha.BaseAddress.ToString());
        Assert.True(back.ExitCode == 0, back.Error);
        Assert.Equal(alphaOnBeta.NodeId, Assert.Single(await clusters.BetaPeer.GetPeers(), p => p.Name == "alpha").NodeId);

        // Alpha publishes; beta rates alpha UNKNOWN so far: the pull is refused on beta's side, nothing stored.
        var key = $"cross-{Guid.NewGuid():n}";
        await clusters.AlphaPeer.Publish(new PacketDraft(PacketKind.Assert, key, """{"answer":42}""", [], [], ["test"]));
        await Assert.ThrowsAsync<FederationRefusedException>(() => clusters.BetaPeer.SyncFrom("alpha"));

        // Beta rates alpha CORE, but alpha rates beta UNKNOWN: alpha's surface refuses to serve the pull.
        await clusters.BetaPeer.SetTier("alpha", TrustTier.Core, "test");
        var refused = await Assert.ThrowsAsync<FederationRefusedException>(() => clusters.BetaPeer.SyncFrom("alpha"));
        Assert.Contains("UNKNOWN, which may not pull this node's packets", refused.Message);
        Assert.Empty(await clusters.BetaPeer.GetClock());

        // Both CORE: the packet crosses, verified and stored, and resolves on beta as alpha's.
        await clusters.AlphaPeer.SetTier("beta", TrustTier.Core, "test");
        var report = await clusters.BetaPeer.SyncFrom("alpha");
        Assert.Equal(1, report.Accepted);
        Assert.Empty(report.Rejected);
        var view = await clusters.BetaPeer.Resolve(key);
        Assert.Equal(alphaOnBeta.NodeId, view.Winner?.Origin);
        Assert.Equal(0, (await clusters.BetaPeer.SyncFrom("alpha")).Accepted);

        // A heartbeat across: beta records it from alpha's key.
        Assert.Equal(1, await clusters.AlphaPeer.SendHeartbeats());
        Assert.NotNull(Assert.Single(await clusters.BetaPeer.GetPeers(), p => p.Name == "alpha").LastHeartbeat);
    }

    [Fact]
    public async Task A_manifest_from_outside_claiming_the_receiving_nodes_own_name_is_refused()
    {
        var outsider = SurfaceKeys.Fresh();
        var before = await clusters.BetaStateAsync();
        using var response = await clusters.Http.SendAsync(clusters.SignedToBeta(outsider, "beta", FederationWire.Manifest, TwoClusters.Manifest(outsider, "beta")));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await clusters.BetaStateAsync());
    }

    [Fact]
    public async Task The_public_manifest_is_the_nodes_own_and_verifies()
    {
        var manifest = await clusters.Http.GetFromJsonAsync<PeerManifest>(new Uri(clusters.Beta.BaseAddress, FederationWire.Manifest), FederationWire.Json);
        Assert.NotNull(manifest);
        Assert.Equal("beta", manifest.Name);
        Assert.Null(ManifestVerifier.Failure(manifest, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        Assert.Equal((await clusters.BetaPeer.GetManifest()).NodeId, manifest.NodeId);
    }
}
