using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// The packets a node holds, in memory for the knowledge sync grain: per origin in sequence order, by id, and by logical key, plus
/// which origins forked. Rebuilt from the feed grains when that grain activates; the feeds stay the record.
/// Not thread-safe: one grain owns it.
/// </summary>
public sealed class KnowledgeIndex
{
    private readonly Dictionary<string, List<StoredPacket>> _byOrigin = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredPacket> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredPacket>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _forks = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public IEnumerable<string> Origins => _byOrigin.Keys;

    /// <summary>Adds packets appended to their feeds (in sequence order per origin); a packet already indexed is skipped.</summary>
    public void Add(IEnumerable<StoredPacket> packets)
    {
        foreach (var stored in packets)
        {
            if (!_byId.TryAdd(stored.Packet.Id, stored)) continue;
            if (!_byOrigin.TryGetValue(stored.Packet.Origin, out var feed)) _byOrigin[stored.Packet.Origin] = feed = [];
            if (feed.Count > 0 && feed[^1].Packet.Seq >= stored.Packet.Seq)
                throw new InvalidOperationException($"Packet {stored.Packet.Id} (seq {stored.Packet.Seq}) arrived after seq {feed[^1].Packet.Seq} of its origin.");
            feed.Add(stored);
            if (!_byKey.TryGetValue(stored.Packet.Key, out var keyed)) _byKey[stored.Packet.Key] = keyed = [];
            keyed.Add(stored);
        }
    }

    public bool Contains(string id) => _byId.ContainsKey(id);

    public StoredPacket? Get(string id) => _byId.GetValueOrDefault(id);

    /// <summary>An origin's packets in sequence order (empty when none are held).</summary>
    public IReadOnlyList<StoredPacket> Feed(string origin) => _byOrigin.TryGetValue(origin, out var feed) ? feed : [];

    public IReadOnlyList<StoredPacket> ByKey(string key) => _byKey.TryGetValue(key, out var keyed) ? keyed : [];

    /// <summary>Every held packet whose key starts with <paramref name="prefix"/>.</summary>
    public IEnumerable<StoredPacket> ByKeyPrefix(string prefix) =>
        _byKey.Where(k => k.Key.StartsWith(prefix, StringComparison.Ordinal)).SelectMany(k => k.Value);

    /// <summary>
    /// The sync clock over <paramref name="origins"/> (ordinal order): per origin, the highest contiguous sequence held and
    /// its id; sequence 0 and no id for an origin with nothing held.
    /// </summary>
    public ImmutableArray<FeedPosition> Clock(IEnumerable<string> origins) =>
        [.. origins.Order(StringComparer.Ordinal).Select(origin =>
        {
            var feed = Feed(origin);
            return feed.Count == 0 ? new FeedPosition(origin, 0, null) : new FeedPosition(origin, feed[^1].Packet.Seq, feed[^1].Packet.Id);
        })];

    public void MarkForked(string origin, string detail) => _forks[origin] = detail;

    public bool IsForked(string origin) => _forks.ContainsKey(origin);

    public string? Fork(string origin) => _forks.GetValueOrDefault(origin);
}
