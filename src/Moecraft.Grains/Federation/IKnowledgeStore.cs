namespace Moecraft.Federation;

/// <summary>
/// Where knowledge feeds are kept (SPEC 6): one row per held packet, keyed by (holder, origin, seq), so an append never
/// rewrites a feed. An append meets a taken sequence reports false and writes nothing: the check that stops a second
/// activation of a feed grain from forking what is stored.
/// </summary>
public interface IKnowledgeStore
{
    /// <summary>Up to <paramref name="max"/> packets of the feed with <c>Seq &gt; afterSeq</c>, in order.</summary>
    Task<IReadOnlyList<StoredPacket>> ReadAsync(string holder, string origin, long afterSeq, int max, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="packets"/> (consecutive sequences) in one transaction; false and nothing written when one is taken.</summary>
    Task<bool> TryAppendAsync(string holder, string origin, IReadOnlyList<StoredPacket> packets, CancellationToken cancellationToken = default);

    /// <summary>Why the feed is forked, or null.</summary>
    Task<string?> ReadForkAsync(string holder, string origin, CancellationToken cancellationToken = default);

    /// <summary>Records the fork; the first record stands.</summary>
    Task MarkForkedAsync(string holder, string origin, string detail, CancellationToken cancellationToken = default);
}
