using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// The packets a node serves (SPEC 6): what it holds (<see cref="KnowledgeIndex"/>) as its tiers now allow
/// (<see cref="FederationTrust"/>). A packet is served when its origin did not fork and it is this node's own or came from
/// a peer rated CORE, so a demotion withholds at once and a promotion releases what was quarantined.
/// </summary>
public sealed class ServedKnowledge(KnowledgeIndex index, FederationTrust trust)
{
    public bool Serves(StoredPacket stored) => !index.IsForked(stored.Packet.Origin) && trust.ServesFrom(stored);

    /// <summary>
    /// Up to <paramref name="max"/> served packets after <paramref name="clock"/>, origin by origin in ordinal order; a feed
    /// stops at its first packet not served, so the requester's copy stays contiguous.
    /// </summary>
    public PacketBatch After(IEnumerable<string> origins, ImmutableArray<FeedPosition> clock, int max)
    {
        var theirs = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!clock.IsDefault)
            foreach (var position in clock.Where(p => p is not null)) theirs[position.Origin] = Math.Max(position.Seq, theirs.GetValueOrDefault(position.Origin));

        var packets = new List<KnowledgePacket>();
        foreach (var origin in origins.Order(StringComparer.Ordinal))
        {
            var feed = index.Feed(origin);
            // A feed holds seq 1..n contiguously at positions 0..n-1: start right after the requester's clock.
            for (var at = (int)Math.Clamp(theirs.GetValueOrDefault(origin), 0, feed.Count); at < feed.Count; at++)
            {
                var stored = feed[at];
                if (!Serves(stored)) break;
                if (packets.Count == max) return new PacketBatch([.. packets], More: true);
                packets.Add(stored.Packet);
            }
        }
        return new PacketBatch([.. packets], More: false);
    }

    /// <summary>The served packets among <paramref name="ids"/>; ids not held or not served are left out.</summary>
    public ImmutableArray<KnowledgePacket> ByIds(IEnumerable<string> ids) =>
        [.. ids.Select(index.Get).OfType<StoredPacket>().Where(Serves).Select(s => s.Packet)];

    /// <summary>The resolved view of a key over the served packets (<see cref="ConflictResolver"/>).</summary>
    public KnowledgeView Resolve(string key) =>
        ConflictResolver.Resolve(key, index.ByKey(key).Where(Serves).Select(s => new ResolvableKnowledge(s, trust.OriginTier(s.Packet.Origin))));

    /// <summary>The winners that assert, one per served key starting with any of <paramref name="prefixes"/> (in that order).</summary>
    public IReadOnlyList<KnowledgePacket> AssertedWinners(IEnumerable<string> prefixes)
    {
        var winners = new List<KnowledgePacket>();
        foreach (var prefix in prefixes)
        foreach (var key in index.ByKeyPrefix(prefix).Select(s => s.Packet.Key).Distinct(StringComparer.Ordinal))
            if (Resolve(key).Winner is { Kind: PacketKind.Assert } winner) winners.Add(winner);
        return winners;
    }
}
