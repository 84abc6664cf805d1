using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Moecraft.Federation;

namespace Moecraft.Api.Management;

/// <summary>
/// Federation (SPEC 6): each node's peer table, the tier a node assigns a peer, pulling a peer's packets, and a key's
/// resolved view. A node is a silo name; without one, every active node (reads) or the cluster's only node (the rest).
/// Operators only.
/// </summary>
public static class FederationEndpoints
{
    public static RouteGroupBuilder MapFederationEndpoints(this RouteGroupBuilder moecraft)
    {
        var federation = moecraft.MapGroup("/federation").WithTags("Federation").RequireAdmin().ProducesProblem(StatusCodes.Status404NotFound);
        federation.MapGet("/peers", GetPeersAsync)
            .WithName("GetPeers")
            .WithSummary("Each node's federation peers: tier, liveness, last heartbeat, clock digest, manifest");
        federation.MapPost("/peers/discover", DiscoverAsync)
            .WithName("DiscoverPeers")
            .WithSummary("Exchanges manifests with every node in the membership; new peers start UNKNOWN");
        federation.MapPost("/peers/add", AddAsync)
            .WithName("AddPeer")
            .WithSummary("Adds a node of another cluster by the URL of its HTTP API; its manifest is verified first and it starts UNKNOWN");
        federation.MapPut("/peers/{peer}/tier", SetTierAsync)
            .WithName("SetPeerTier")
            .WithSummary("Sets the tier a node assigns a peer (core, sandbox, external, unknown)")
            .WithDescription("The only way to CORE; a demotion holds at once. Audited and journaled.");
        federation.MapPost("/peers/{peer}/sync", SyncAsync)
            .WithName("SyncFromPeer")
            .WithSummary("Pulls a peer's packets until caught up")
            .WithDescription("Each packet is verified and stored before it counts; what the peer may send depends on the tier the node assigned it (403 when it may send nothing).");
        federation.MapGet("/resolve", ResolveAsync)
            .WithName("ResolveKnowledge")
            .WithSummary("A logical key's winner, heads and conflicts over the packets a node serves");
        return moecraft;
    }

    private static async Task<Ok<IReadOnlyList<PeerTable>>> GetPeersAsync(IGrainFactory grains, string? node = null)
    {
        var nodes = await ClusterNodes.SelectAsync(grains, node);
        var tables = await Task.WhenAll(nodes.Select(async n => await PeerTable.ReadAsync(grains, n, Peer(grains, n).GetPeers())));
        return TypedResults.Ok<IReadOnlyList<PeerTable>>(tables);
    }

    private static async Task<Ok<IReadOnlyList<PeerTable>>> DiscoverAsync(IGrainFactory grains, string? node = null)
    {
        var nodes = await ClusterNodes.SelectAsync(grains, node);
        var tables = await Task.WhenAll(nodes.Select(async n => await PeerTable.ReadAsync(grains, n, Peer(grains, n).DiscoverPeers())));
        return TypedResults.Ok<IReadOnlyList<PeerTable>>(tables);
    }

    private static async Task<Ok<PeerInfo>> AddAsync(AddPeerBody body, IGrainFactory grains, string? node = null)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Url)) throw ManagementProblem.BadRequest("url is required: the http(s) URL of the other node's HTTP API.");
        var at = await ClusterNodes.SingleAsync(grains, node);
        return TypedResults.Ok(await Peer(grains, at).AddPeer(body.Url));
    }

    private static async Task<Ok<PeerInfo>> SetTierAsync(string peer, TierBody body, ClaimsPrincipal user, IGrainFactory grains, string? node = null)
    {
        Lookups.RequireId(peer, "peer");
        if (body is null || string.IsNullOrWhiteSpace(body.Tier)) throw ManagementProblem.BadRequest("tier is required: core, sandbox, external or unknown.");
        var tier = QueryParsing.Enum<TrustTier>(body.Tier, "tier");
        var at = await ClusterNodes.SingleAsync(grains, node);
        await RequireKnownAsync(grains, at, peer);
        return TypedResults.Ok(await Peer(grains, at).SetTier(peer, tier, TenantScope.Actor(user)));
    }

    private static async Task<Ok<SyncReport>> SyncAsync(string peer, IGrainFactory grains, string? node = null)
    {
        Lookups.RequireId(peer, "peer");
        var at = await ClusterNodes.SingleAsync(grains, node);
        await RequireKnownAsync(grains, at, peer);
        return TypedResults.Ok(await Peer(grains, at).SyncFrom(peer));
    }

    private static async Task<Ok<KnowledgeView>> ResolveAsync(IGrainFactory grains, string? key = null, string? node = null)
    {
        if (string.IsNullOrWhiteSpace(key)) throw ManagementProblem.BadRequest("key is required, e.g. ?key=cache:...");
        var at = await ClusterNodes.SingleAsync(grains, node);
        return TypedResults.Ok(await Peer(grains, at).Resolve(key));
    }

    private static IFederationPeerGrain Peer(IGrainFactory grains, string node) => grains.GetGrain<IFederationPeerGrain>(node);

    /// <summary>404 for a peer the node never exchanged manifests with (discover first).</summary>
    private static async Task RequireKnownAsync(IGrainFactory grains, string node, string peer)
    {
        var peers = await Peer(grains, node).GetPeers();
        if (peers.IsDefault || !peers.Any(p => string.Equals(p.Name, peer, StringComparison.Ordinal)))
            throw ManagementProblem.NotFound($"Node '{node}' has no peer '{peer}'; exchange manifests with it first (POST /moecraft/federation/peers/discover).");
    }
}

/// <summary>One node's peer table and its own node id.</summary>
public sealed record PeerTable(string Node, string NodeId, IReadOnlyList<PeerInfo> Peers)
{
    public static async Task<PeerTable> ReadAsync(IGrainFactory grains, string node, Task<System.Collections.Immutable.ImmutableArray<PeerInfo>> peers)
    {
        var manifest = await grains.GetGrain<IFederationPeerGrain>(node).GetManifest();
        var table = await peers;
        return new PeerTable(node, manifest.NodeId, table.IsDefault ? [] : table);
    }
}

/// <summary>The address of a node of another cluster: the http(s) URL of its HTTP API.</summary>
public sealed record AddPeerBody(string Url);

/// <summary>The tier to assign: core, sandbox, external or unknown.</summary>
public sealed record TierBody(string Tier);
