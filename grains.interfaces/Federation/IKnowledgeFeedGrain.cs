using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// The packets of one origin as held by one node (key <see cref="FederationNodes.FeedKey"/>): append-only by sequence,
/// with expected-sequence appends so two activations cannot fork the stored feed.
/// </summary>
[Alias("moecraft.IKnowledgeFeedGrain")]
public interface IKnowledgeFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends a verified packet at <c>Seq == position + 1</c> (its <c>Prev</c> the current head). The same packet again
    /// is a no-op (false); another packet at a held sequence marks the feed forked and throws.
    /// </summary>
    /// <param name="receivedFrom">The node name it came from (for quarantine: served only while that peer is CORE).</param>
    /// <param name="receivedAt">Unix milliseconds of first receipt (caps the packet's timestamp in conflict resolution).</param>
    [Alias("Append")]
    Task<bool> Append(KnowledgePacket packet, string receivedFrom, long receivedAt);

    [Alias("GetPosition")]
    Task<FeedPosition> GetPosition();

    /// <summary>Packets with <c>Seq &gt; afterSeq</c>, at most <paramref name="max"/>, in order.</summary>
    [Alias("ReadAfter")]
    Task<ImmutableArray<StoredPacket>> ReadAfter(long afterSeq, int max);

    [Alias("IsForked")]
    Task<bool> IsForked();
}
