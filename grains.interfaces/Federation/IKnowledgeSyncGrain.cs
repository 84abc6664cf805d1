using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Moecraft.Federation;

/// <summary>
/// The knowledge a node holds (SPEC 6; key: the node name, placed on that node's silo): publishing as the origin, the sync
/// clock, serving packets to peers, storing what peers send, the resolved view of a key and the advice the request path
/// asks for. It reads the tiers from the node's <see cref="IPeerTableGrain"/> at the moment of asking and calls no other
/// node: fetching from peers is the <see cref="IFederationPeerGrain"/>'s. Publishing and storing are serialized by its
/// turns; reads interleave with them.
/// </summary>
[Alias("moecraft.IKnowledgeSyncGrain")]
public interface IKnowledgeSyncGrain : IGrainWithStringKey
{
    /// <summary>Publishes up to 100 packets as this node, chained one after the other, in one write; all or nothing.</summary>
    /// <exception cref="ArgumentException">A draft that is not valid or names a dependency not held; nothing published.</exception>
    [Alias("Publish")]
    Task<ImmutableArray<KnowledgePacket>> Publish(ImmutableArray<PacketDraft> drafts);

    /// <summary>Per origin held, the highest contiguous sequence and its id.</summary>
    [Alias("GetClock"), AlwaysInterleave]
    Task<ImmutableArray<FeedPosition>> GetClock();

    /// <summary>Serves packets after <paramref name="clock"/> to a peer this node rates CORE, at most <paramref name="max"/> (capped at 100).</summary>
    [Alias("Pull"), AlwaysInterleave]
    Task<PacketBatch> Pull(string requester, ImmutableArray<FeedPosition> clock, int max);

    /// <summary>Serves packets by id (missing dependencies) to a peer this node rates CORE.</summary>
    [Alias("GetPackets"), AlwaysInterleave]
    Task<ImmutableArray<KnowledgePacket>> GetPackets(string requester, ImmutableArray<string> ids);

    /// <summary>
    /// Stores what a peer sent, after the tier this node gives the sender allows it and each packet verified; or, when
    /// packets depend on ones not held, stores nothing and names them (fetch them, then <see cref="IngestWithDependencies"/>).
    /// </summary>
    /// <exception cref="FederationRefusedException">The sender's tier may not send packets here; nothing stored.</exception>
    [Alias("Ingest")]
    Task<IngestResult> Ingest(string sender, ImmutableArray<KnowledgePacket> packets);

    /// <summary>
    /// <see cref="Ingest"/> with the dependencies fetched from the sender (verified like the rest; empty when the fetch
    /// failed): what still misses a dependency waits, reported as rejected.
    /// </summary>
    [Alias("IngestWithDependencies")]
    Task<IngestResult> IngestWithDependencies(string sender, ImmutableArray<KnowledgePacket> packets, ImmutableArray<KnowledgePacket> dependencies);

    /// <summary>
    /// <see cref="Ingest"/> for a batch this node's link pulled by grain call from <paramref name="sender"/>: when the peer
    /// table holds the sender as a CORE node of this cluster, its packets are checked for form only, since every packet
    /// such a node serves was verified where it entered the cluster or signed there; otherwise they are verified in full.
    /// </summary>
    [Alias("IngestPulled")]
    Task<IngestResult> IngestPulled(string sender, ImmutableArray<KnowledgePacket> packets);

    /// <summary><see cref="IngestWithDependencies"/> for a pulled batch (see <see cref="IngestPulled"/>).</summary>
    [Alias("IngestPulledWithDependencies")]
    Task<IngestResult> IngestPulledWithDependencies(string sender, ImmutableArray<KnowledgePacket> packets, ImmutableArray<KnowledgePacket> dependencies);

    /// <summary>The resolved view of a logical key over the packets this node serves.</summary>
    [Alias("Resolve"), AlwaysInterleave]
    Task<KnowledgeView> Resolve(string key);

    /// <summary>What the packets this node serves say about a request (see <see cref="IFederationPeerGrain.Advise"/>).</summary>
    [Alias("Advise"), AlwaysInterleave]
    Task<FederationAdvice> Advise(string routerId, string prompt, ImmutableArray<float> embedding, string optionsKey);

    /// <summary>Whether a served scar names one of <paramref name="experts"/> (see <see cref="IFederationPeerGrain.ScarsName"/>).</summary>
    [Alias("ScarsName"), AlwaysInterleave]
    Task<bool> ScarsName(string routerId, ImmutableArray<string> experts);
}
