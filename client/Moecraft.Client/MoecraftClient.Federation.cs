using System.Collections.Immutable;
using Moecraft.Federation;

namespace Moecraft.Client;

// Federation (SPEC 6): each node's peer table and tiers, adding and syncing peers, publishing and resolving knowledge.
// A peer grain lives on its node: a call goes to the node named (it must be active), or without one to every active node
// (peer tables, discovery) or to the cluster's only node (the rest).
public sealed partial class MoecraftClient
{
    /// <summary>
    /// The peer table of <paramref name="node"/> (SPEC 6): each peer's tier as that node assigned it, liveness, last
    /// heartbeat, clock digest and manifest; without a node, the table of every active node, in name order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not an active silo of the cluster.</exception>
    public async Task<IReadOnlyList<FederationPeerTable>> GetPeersAsync(string? node = null) =>
        await Task.WhenAll((await FederationNodesAsync(node)).Select(async n => new FederationPeerTable(n, await NodeIdAsync(n), await Read(Peer(n).GetPeers))));

    /// <summary>
    /// Has <paramref name="node"/> (without one: every active node) exchange manifests with every other node in the
    /// membership; new peers are recorded as UNKNOWN. Returns the peer tables after.
    /// </summary>
    /// <exception cref="FederationRefusedException">Federation is disabled on the node.</exception>
    public async Task<IReadOnlyList<FederationPeerTable>> DiscoverPeersAsync(string? node = null) =>
        await Task.WhenAll((await FederationNodesAsync(node)).Select(async n => new FederationPeerTable(n, await NodeIdAsync(n), await Peer(n).DiscoverPeers())));

    /// <summary>
    /// An operator sets the tier <paramref name="node"/> assigns <paramref name="peer"/> (the only way to CORE; a demotion
    /// holds at once); audited and journaled. Without a node, the cluster's only node.
    /// </summary>
    /// <exception cref="ArgumentException">The node has no such peer, an unknown tier, an invalid actor, or no node named; nothing changed.</exception>
    public async Task<PeerInfo> SetPeerTierAsync(string? node, string peer, TrustTier tier, string? actor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(peer);
        return await Peer(await ResolveNodeAsync(node)).SetTier(peer, tier, actor ?? DefaultActor);
    }

    /// <summary>
    /// Has <paramref name="node"/> add a node of another cluster by the address of its HTTP API (its federation surface):
    /// the node fetches that peer's manifest and verifies it before anything else happens, records it UNKNOWN with its
    /// address, and introduces itself with a signed exchange. Without a node, the cluster's only node.
    /// </summary>
    /// <exception cref="ArgumentException">Not an absolute http(s) address, or no node named; nothing changed.</exception>
    /// <exception cref="FederationRefusedException">The manifest fails verification or claims a name it may not; nothing changed.</exception>
    public async Task<PeerInfo> AddPeerAsync(string? node, string address)
    {
        if (!PeerAddress.IsHttpUrl(address))
            throw new ArgumentException($"A peer's address is the http(s) URL of its HTTP API, e.g. https://node.example:8080; got '{address}'.", nameof(address));
        return await Peer(await ResolveNodeAsync(node)).AddPeer(address);
    }

    /// <summary>
    /// Has <paramref name="node"/> pull <paramref name="peer"/>'s packets until caught up, each verified and stored before
    /// it counts; what the peer may send depends on the tier the node assigned it. Without a node, the cluster's only node.
    /// </summary>
    /// <exception cref="FederationRefusedException">No such peer, or its tier may not send packets (or the peer refuses the pull); nothing stored.</exception>
    public async Task<SyncReport> SyncFromAsync(string? node, string peer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(peer);
        return await Peer(await ResolveNodeAsync(node)).SyncFrom(peer);
    }

    /// <summary>
    /// Publishes knowledge as <paramref name="node"/> (its origin): a signed packet its CORE peers pull. Build the draft with
    /// <c>FederatedKnowledge</c>'s helpers (cache entries, priors, scars, reputations) or any canonical JSON content.
    /// </summary>
    public async Task<KnowledgePacket> PublishKnowledgeAsync(string? node, PacketDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return await Peer(await ResolveNodeAsync(node)).Publish(draft);
    }

    /// <summary>The sync clock of <paramref name="node"/>: per origin (node id), the highest contiguous sequence held. Without a node, the cluster's only node.</summary>
    public async Task<ImmutableArray<FeedPosition>> GetFederationClockAsync(string? node = null)
    {
        var resolved = await ResolveNodeAsync(node);
        return await Read(Peer(resolved).GetClock);
    }

    /// <summary>
    /// The resolved view of a logical key on <paramref name="node"/>: the winner among the heads (packets not superseded)
    /// and the other heads as conflicts, over the packets the node serves. Without a node, the cluster's only node.
    /// </summary>
    public async Task<KnowledgeView> ResolveKnowledgeAsync(string? node, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var resolved = await ResolveNodeAsync(node);
        return await Read(() => Peer(resolved).Resolve(key));
    }

    /// <summary>
    /// The node a single-node federation call goes to: <paramref name="node"/> when given (it must be an active silo), else
    /// the cluster's only active node.
    /// </summary>
    /// <exception cref="ArgumentException">The node is not active, or none is named and the cluster has several (or none).</exception>
    public async Task<string> ResolveNodeAsync(string? node)
    {
        var nodes = await FederationNodesAsync(node);
        return nodes.Count == 1
            ? nodes[0]
            : throw new ArgumentException(
                $"The cluster has {nodes.Count} active nodes ({string.Join(", ", nodes)}); name the node to ask (the CLI's --node).", nameof(node));
    }

    // The named node (checked to be an active silo: a peer grain lives only there), or every active node.
    private async Task<IReadOnlyList<string>> FederationNodesAsync(string? node)
    {
        if (node is not null) ArgumentException.ThrowIfNullOrWhiteSpace(node);
        var active = await GetActiveNodesAsync();
        if (node is null)
            return active.Count > 0 ? active : throw new ArgumentException("The cluster has no active silo (node) to ask.", nameof(node));
        return active.Contains(node, StringComparer.Ordinal)
            ? [node]
            : throw new ArgumentException(
                $"Node '{node}' is not an active silo of this cluster (active: {(active.Count == 0 ? "none" : string.Join(", ", active))}).", nameof(node));
    }

    private async Task<string> NodeIdAsync(string node) => (await Read(Peer(node).GetManifest)).NodeId;
}
