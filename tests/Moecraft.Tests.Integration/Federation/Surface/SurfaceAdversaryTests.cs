using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>
/// Callers a sovereign node must refuse at its federation surface, each with nothing stored or changed on it (its peer
/// table and clock are compared before and after): an unknown caller, a call outside the tier matrix, a request signed
/// by another key, a replay, a manifest claiming another node's name, a request for another node, a flood past the rate
/// limit, and a federation signature on an endpoint that is not the federation surface.
/// </summary>
[Collection(TwoClustersCollection.Name)]
public sealed class SurfaceAdversaryTests(TwoClusters clusters)
{
    private static readonly PullBody EmptyPull = new([], 10);

    [Fact]
    public async Task An_unknown_caller_may_exchange_manifests_but_nothing_else()
    {
        var stranger = SurfaceKeys.Fresh();
        var before = await clusters.BetaStateAsync();
        foreach (var (path, body) in new (string, object)[]
                 {
                     (FederationWire.Pull, EmptyPull),
                     (FederationWire.Push, new PacketsBody([])),
                     (FederationWire.Packets, new PacketIdsBody([])),
                     (FederationWire.Heartbeat, HeartbeatFactory.Create(stranger, "stranger", new string('0', 64), null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())),
                 })
        {
            using var response = await clusters.Http.SendAsync(clusters.SignedToBeta(stranger, "stranger", path, body));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("not a peer of this node", await ErrorAsync(response));
        }
        Assert.Equal(before, await clusters.BetaStateAsync());
    }

    [Fact]
    public async Task A_peer_rated_unknown_or_external_is_refused_every_call_outside_the_tier_matrix_with_nothing_stored()
    {
        var carol = SurfaceKeys.Fresh();
        using (var exchange = await clusters.Http.SendAsync(clusters.SignedToBeta(carol, "carol", FederationWire.Manifest, TwoClusters.Manifest(carol, "carol"))))
            Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        Assert.Equal(TrustTier.Unknown, Assert.Single(await clusters.BetaPeer.GetPeers(), p => p.Name == "carol").Tier);

        var packet = PacketFactory.Create(new PacketDraft(PacketKind.Assert, "carol-key", """{"x":1}""", [], [], ["test"]), 1, null,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), carol);
        foreach (var tier in new[] { TrustTier.Unknown, TrustTier.External })
        {
            await clusters.BetaPeer.SetTier("carol", tier, "test");
            var before = await clusters.BetaStateAsync();
            foreach (var (path, body) in new (string, object)[]
                     {
                         (FederationWire.Push, new PacketsBody([packet])),
                         (FederationWire.Pull, EmptyPull),
                         (FederationWire.Packets, new PacketIdsBody([packet.Id])),
                         (FederationWire.Heartbeat, HeartbeatFactory.Create(carol, "carol", new string('0', 64), null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())),
                     })
            {
                using var response = await clusters.Http.SendAsync(clusters.SignedToBeta(carol, "carol", path, body));
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.Contains($"rates 'carol' {TierMatrix.Name(tier)}", await ErrorAsync(response));
            }
            Assert.Equal(before, await clusters.BetaStateAsync());
            Assert.Null((await clusters.BetaPeer.Resolve("carol-key")).Winner);
        }
    }

    [Fact]
    public async Task A_request_signed_by_another_key_than_the_peers_manifest_named_is_refused()
    {
        var dana = SurfaceKeys.Fresh();
        using (var exchange = await clusters.Http.SendAsync(clusters.SignedToBeta(dana, "dana", FederationWire.Manifest, TwoClusters.Manifest(dana, "dana"))))
            Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        await clusters.BetaPeer.SetTier("dana", TrustTier.Core, "test");
        var mallory = SurfaceKeys.Fresh();
        var before = await clusters.BetaStateAsync();

        // Mallory signs as dana with its own key: a valid signature, but not by the key dana's manifest named.
        using var pull = await clusters.Http.SendAsync(clusters.SignedToBeta(mallory, "dana", FederationWire.Pull, EmptyPull));
        Assert.Equal(HttpStatusCode.Unauthorized, pull.StatusCode);
        Assert.Contains($"this request is signed by {mallory.NodeId}", await ErrorAsync(pull));

        // ...and a manifest claiming dana's name, signed by mallory: refused before the peer grain sees it.
        using var manifest = await clusters.Http.SendAsync(clusters.SignedToBeta(mallory, "dana", FederationWire.Manifest, TwoClusters.Manifest(mallory, "dana")));
        Assert.Equal(HttpStatusCode.Unauthorized, manifest.StatusCode);

        // ...and dana's own manifest relayed by mallory under mallory's signature.
        using var relayed = await clusters.Http.SendAsync(clusters.SignedToBeta(mallory, "mallory", FederationWire.Manifest, TwoClusters.Manifest(dana, "dana")));
        Assert.Equal(HttpStatusCode.Unauthorized, relayed.StatusCode);
        Assert.Equal(before, await clusters.BetaStateAsync());
    }

    [Fact]
    public async Task A_replayed_request_is_refused()
    {
        var erin = SurfaceKeys.Fresh();
        var request = clusters.SignedToBeta(erin, "erin", FederationWire.Manifest, TwoClusters.Manifest(erin, "erin"));
        var header = request.Headers.Authorization!.ToString();
        var body = await request.Content!.ReadAsByteArrayAsync();
        using (var first = await clusters.Http.SendAsync(request)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await clusters.BetaStateAsync();

        using var copy = new HttpRequestMessage(HttpMethod.Post, new Uri(clusters.Beta.BaseAddress, FederationWire.Manifest)) { Content = new ByteArrayContent(body) };
        copy.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        copy.Headers.TryAddWithoutValidation("Authorization", header);
        using var replayed = await clusters.Http.SendAsync(copy);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("a replay", await ErrorAsync(replayed));
        Assert.Equal(before, await clusters.BetaStateAsync());
    }

    [Fact]
    public async Task A_request_for_another_node_is_refused()
    {
        var frank = SurfaceKeys.Fresh();
        var before = await clusters.BetaStateAsync();
        using var response = await clusters.Http.SendAsync(
            clusters.SignedToBeta(frank, "frank", FederationWire.Manifest, TwoClusters.Manifest(frank, "frank"), destination: "alpha"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("this is node 'beta'", await ErrorAsync(response));
        Assert.Equal(before, await clusters.BetaStateAsync());
    }

    [Fact]
    public async Task A_flood_past_the_peers_budget_is_refused_with_429()
    {
        var flooder = SurfaceKeys.Fresh();
        var before = await clusters.BetaStateAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TwoClusters.BetaRequestsPerMinute + 20; i++)
        {
            using var response = await clusters.Http.SendAsync(clusters.SignedToBeta(flooder, "flooder", FederationWire.Pull, EmptyPull));
            statuses.Add(response.StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(HttpStatusCode.OK, statuses);
        Assert.Equal(before, await clusters.BetaStateAsync());
    }

    [Fact]
    public async Task A_federation_signature_opens_no_other_endpoint()
    {
        var gina = SurfaceKeys.Fresh();
        using (var exchange = await clusters.Http.SendAsync(clusters.SignedToBeta(gina, "gina", FederationWire.Manifest, TwoClusters.Manifest(gina, "gina"))))
            Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        await clusters.BetaPeer.SetTier("gina", TrustTier.Core, "test");
        var before = await clusters.BetaStateAsync();

        // The management API and the OpenAI API take API keys (or open local access without any header), never a federation signature.
        foreach (var (path, method, body) in new (string, string, object)[]
                 {
                     ("/moecraft/federation/peers", "GET", new { }),
                     ("/moecraft/federation/peers/gina/tier", "PUT", new { tier = "external" }),
                     ("/moecraft/governance/halt", "POST", new { reason = "gina" }),
                     ("/v1/chat/completions", "POST", new { model = "moecraft/auto", messages = new[] { new { role = "user", content = "hi" } } }),
                 })
        {
            using var response = await clusters.Http.SendAsync(clusters.SignedToBeta(gina, "gina", path, body, method: method));
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed,
                $"{method} {path} answered {(int)response.StatusCode}");
        }
        Assert.Equal(before, await clusters.BetaStateAsync());
        var governance = await clusters.Http.GetFromJsonAsync<JsonElement>(new Uri(clusters.Beta.BaseAddress, "/moecraft/governance"));
        Assert.False(governance.GetProperty("halted").GetBoolean());
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<FederationErrorBody>(FederationWire.Json))?.Error ?? "";
}
