using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// A node's federation endpoint (SPEC 6; key: the node name, which is its silo's name). Placed only on that silo: every
/// federation exchange is a call between peer grains on different silos. Checks the trust-tier matrix (for the tier this
/// node assigned the caller) before any state changes. The node's one door: it hands each request to the grain whose
/// concern it is (<see cref="IPeerTableGrain"/>, <see cref="IKnowledgeSyncGrain"/>, <see cref="IPeerLinkGrain"/>).
/// </summary>
[Alias("moecraft.IFederationPeerGrain")]
public interface IFederationPeerGrain : IGrainWithStringKey
{
    /// <summary>This node's manifest, freshly signed.</summary>
    [Alias("GetManifest")]
    Task<PeerManifest> GetManifest();

    /// <summary>
    /// Receives a peer's manifest (any tier may), verifies it and records the peer (UNKNOWN when new); returns ours.
    /// </summary>
    /// <exception cref="FederationRefusedException">Bad signature, expired, or a known name with another key; nothing changed.</exception>
    [Alias("ExchangeManifest")]
    Task<PeerManifest> ExchangeManifest(PeerManifest manifest);

    /// <summary>Exchanges manifests with every other node in the Orleans membership; returns the peer table.</summary>
    [Alias("DiscoverPeers")]
    Task<ImmutableArray<PeerInfo>> DiscoverPeers();

    [Alias("GetPeers")]
    Task<ImmutableArray<PeerInfo>> GetPeers();

    /// <summary>An operator sets a peer's tier (the only way to CORE). Demotion takes effect at once. Audited and journaled.</summary>
    [Alias("SetTier")]
    Task<PeerInfo> SetTier(string peerName, TrustTier tier, string actor);

    /// <summary>Receives a peer's heartbeat: allowed from CORE and SANDBOX peers only.</summary>
    [Alias("Heartbeat")]
    Task Heartbeat(Heartbeat heartbeat);

    /// <summary>Sends a heartbeat to every peer this node rates CORE or SANDBOX; returns how many accepted it.</summary>
    [Alias("SendHeartbeats")]
    Task<int> SendHeartbeats();

    /// <summary>Publishes a packet as this node (the origin): next sequence, chained to the previous, signed.</summary>
    [Alias("Publish")]
    Task<KnowledgePacket> Publish(PacketDraft draft);

    /// <summary>Publishes up to 100 packets in order, chained one after the other, in one write; all or nothing.</summary>
    /// <exception cref="ArgumentException">A draft that is not valid or names a dependency not held; nothing published.</exception>
    [Alias("PublishBatch")]
    Task<ImmutableArray<KnowledgePacket>> PublishBatch(ImmutableArray<PacketDraft> drafts);

    /// <summary>This node's sync clock: per origin, the highest contiguous sequence held.</summary>
    [Alias("GetClock")]
    Task<ImmutableArray<FeedPosition>> GetClock();

    /// <summary>Serves packets after <paramref name="clock"/> to a CORE peer, at most <paramref name="max"/> (capped at 100).</summary>
    [Alias("Pull")]
    Task<PacketBatch> Pull(string requester, ImmutableArray<FeedPosition> clock, int max);

    /// <summary>Serves packets by id (missing dependencies) to a CORE peer.</summary>
    [Alias("GetPackets")]
    Task<ImmutableArray<KnowledgePacket>> GetPackets(string requester, ImmutableArray<string> ids);

    /// <summary>Pulls from a peer until caught up: each packet verified and persisted before it counts; idempotent.</summary>
    [Alias("SyncFrom")]
    Task<SyncReport> SyncFrom(string peerName);

    /// <summary>
    /// Receives packets a peer sends (SPEC 6 sync, pushed side): the sender's tier as this node assigned it decides first
    /// (CORE accepted, SANDBOX stored quarantined, others refused with nothing stored); then each packet is verified
    /// (canonical form, signature, id, <c>seq = clock + 1</c>, <c>prev</c>, dependencies, fetched from the sender when
    /// missing) and stored before it is counted. Retries are idempotent. Returns what was stored and the clock after.
    /// </summary>
    /// <exception cref="FederationRefusedException">The sender's tier may not send packets here; nothing stored.</exception>
    [Alias("Push")]
    Task<SyncReport> Push(string sender, ImmutableArray<KnowledgePacket> packets);

    /// <summary>
    /// What the packets this node serves say about a request on <paramref name="routerId"/>: a shared cache entry that
    /// answers it, experts scarred for its region, routing priors. Called by the node's own request path.
    /// </summary>
    [Alias("Advise")]
    Task<FederationAdvice> Advise(string routerId, string prompt, ImmutableArray<float> embedding, string optionsKey);

    /// <summary>
    /// Whether a peer's scar that this node serves names one of <paramref name="experts"/> of <paramref name="routerId"/>,
    /// in any region: a request that pins those experts needs its prompt's embedding (and <see cref="Advise"/>) only then.
    /// </summary>
    [Alias("ScarsName")]
    Task<bool> ScarsName(string routerId, ImmutableArray<string> experts);

    /// <summary>
    /// A peer's request to one of this node's offered experts (SPEC 6, "query our experts"): allowed for CORE, SANDBOX and
    /// EXTERNAL peers, within a per-peer rate limit; the expert must be in this node's manifest.
    /// </summary>
    /// <exception cref="FederationRefusedException">Tier, offer or rate limit refuses it; nothing was called.</exception>
    [Alias("QueryExpert"), ResponseTimeout(Experts.ModelCalls.ResponseTimeout)]
    Task<Experts.ExpertAnswer> QueryExpert(string requester, string expertId, Experts.ExpertRequest request);

    /// <summary>
    /// Sends a request to <paramref name="expertId"/> offered by <paramref name="peerName"/> (a remote expert of this node's
    /// routers): the peer must be known, not forked, and offer the expert in its manifest.
    /// </summary>
    [Alias("AskPeerExpert"), ResponseTimeout(Experts.ModelCalls.ResponseTimeout)]
    Task<Experts.ExpertAnswer> AskPeerExpert(string peerName, string expertId, Experts.ExpertRequest request);

    /// <summary>The resolved view of a logical key over the packets this node serves.</summary>
    [Alias("Resolve")]
    Task<KnowledgeView> Resolve(string key);

    /// <summary>
    /// Adds a node of another cluster by the address of its federation surface (<c>moecraft peers add URL</c>): fetches its
    /// manifest and verifies it before anything else happens (signature, validity, a name that is not this cluster's nor
    /// another key's), records it UNKNOWN with its address, then introduces this node to it with a signed exchange.
    /// </summary>
    /// <exception cref="ArgumentException">Not an http(s) address; nothing changed.</exception>
    /// <exception cref="FederationRefusedException">The manifest fails verification or claims a name it may not; nothing changed.</exception>
    [Alias("AddPeer")]
    Task<PeerInfo> AddPeer(string address);

    /// <summary>
    /// A manifest exchange that arrived through the federation surface (a node of another cluster, its request signature
    /// already verified as the manifest's own key): recorded as a remote peer, UNKNOWN when new; returns ours.
    /// </summary>
    /// <exception cref="FederationRefusedException">Invalid, expired, a name of this cluster, or a known name with another key; nothing changed.</exception>
    [Alias("ExchangeRemoteManifest")]
    Task<PeerManifest> ExchangeRemoteManifest(PeerManifest manifest);
}
