using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// The packets of one origin as held by one node (key <see cref="FederationNodes.FeedKey"/>, placed on the holder's silo):
/// append-only by sequence. Appends are checked against the stored position, so a second activation or a retried batch
/// can neither fork the stored feed nor store a packet twice.
/// </summary>
[Alias("moecraft.IKnowledgeFeedGrain")]
public interface IKnowledgeFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends verified packets in order, each at <c>Seq == position + 1</c> chained to the head, in one write. Packets
    /// already held are counted as duplicates; the first gap or broken chain stops the batch (what came before is kept).
    /// Another packet at a held sequence marks the feed forked (stored) and throws; a forked feed refuses every append.
    /// </summary>
    /// <param name="receivedFrom">The node name it came from (its tier decides whether the packet is served or quarantined).</param>
    /// <param name="receivedAt">Unix milliseconds of receipt (caps the packet's timestamp in conflict resolution).</param>
    /// <exception cref="ForkDetectedException">The origin forked; the fork is stored.</exception>
    /// <exception cref="ArgumentException">A packet of another origin; nothing changed.</exception>
    [Alias("Append")]
    Task<FeedAppendResult> Append(ImmutableArray<KnowledgePacket> packets, string receivedFrom, long receivedAt);

    [Alias("GetPosition")]
    Task<FeedPosition> GetPosition();

    /// <summary>Packets with <c>Seq &gt; afterSeq</c>, at most <paramref name="max"/>, in order.</summary>
    [Alias("ReadAfter")]
    Task<ImmutableArray<StoredPacket>> ReadAfter(long afterSeq, int max);

    /// <summary>Why the feed is forked (the two ids at one sequence), or null when it is not.</summary>
    [Alias("GetFork")]
    Task<string?> GetFork();
}
