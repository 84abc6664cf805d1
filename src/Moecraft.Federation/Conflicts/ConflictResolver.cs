using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// The view of one logical key (SPEC 6 conflicts). The packet set is a union, so the result is a function of the set:
/// any delivery order, and any number of copies of a packet, give the same heads, winner and conflicts.
/// <list type="bullet">
/// <item>Only assert and retract packets for the key carry a value. Annotations are remarks: they are never heads and
/// their <c>supersedes</c> does not remove value packets.</item>
/// <item>Heads are the value packets no held value packet of the key supersedes.</item>
/// <item>Ranking (best first): higher origin tier, then later effective timestamp <c>min(ts, receivedAt + 5 min)</c>, so a
/// far-future claim cannot win forever, then the ordinally greater id. Ids are SHA-256 hashes nobody can steer to a chosen
/// value cheaply, so the last rule is an arbitrary but total and stable tie-break; "greater" matches max-by-key.</item>
/// <item>The winner is the best head; the other heads are the conflicts, in ranking order. A retract winner means the key
/// has no value now; it stays the winner so callers can tell "retracted" from "never asserted".</item>
/// </list>
/// </summary>
public static class ConflictResolver
{
    /// <summary>How far past its first receipt a packet's claimed timestamp counts.</summary>
    public const long MaxClockSkewMs = 5 * 60 * 1000;

    /// <summary>Resolves <paramref name="key"/> over <paramref name="packets"/>; packets for other keys are ignored.</summary>
    /// <param name="packets">Packets this node serves (the caller leaves out quarantined ones and forked origins).</param>
    public static KnowledgeView Resolve(string key, IEnumerable<ResolvableKnowledge> packets)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(packets);

        var values = Union(packets.Where(p => p?.Stored?.Packet is { } packet && packet.Key == key && packet.Kind is PacketKind.Assert or PacketKind.Retract));
        var superseded = values.Values
            .SelectMany(p => p.Stored.Packet.Supersedes.IsDefault ? [] : p.Stored.Packet.Supersedes.AsEnumerable())
            .ToHashSet(StringComparer.Ordinal);
        var heads = values.Values
            .Where(p => !superseded.Contains(p.Stored.Packet.Id))
            .OrderBy(p => p, Ranking.Instance)
            .Select(p => p.Stored.Packet)
            .ToImmutableArray();
        return new KnowledgeView(key, heads.IsEmpty ? null : heads[0], heads, heads.IsEmpty ? [] : heads[1..]);
    }

    /// <summary>The timestamp a packet ranks by: its claim, but no later than five minutes after we first received it.</summary>
    public static long EffectiveTimestamp(StoredPacket stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var cap = stored.ReceivedAt > long.MaxValue - MaxClockSkewMs ? long.MaxValue : stored.ReceivedAt + MaxClockSkewMs;
        return Math.Min(stored.Packet.Timestamp, cap);
    }

    // One entry per id. Copies of a packet may arrive with different receipts (or, if the caller's tier changed between,
    // different tiers); merging takes the earliest receipt and the lower tier, both independent of the order of copies.
    private static Dictionary<string, ResolvableKnowledge> Union(IEnumerable<ResolvableKnowledge> packets)
    {
        var union = new Dictionary<string, ResolvableKnowledge>(StringComparer.Ordinal);
        foreach (var candidate in packets)
        {
            var id = candidate.Stored.Packet.Id;
            union[id] = union.TryGetValue(id, out var held) ? Merge(held, candidate) : candidate;
        }
        return union;
    }

    private static ResolvableKnowledge Merge(ResolvableKnowledge a, ResolvableKnowledge b)
    {
        // The first receipt is the one with the smallest time; equal times fall back to the ordinal sender name.
        var first = a.Stored.ReceivedAt != b.Stored.ReceivedAt
            ? (a.Stored.ReceivedAt < b.Stored.ReceivedAt ? a : b)
            : (string.CompareOrdinal(a.Stored.ReceivedFrom, b.Stored.ReceivedFrom) <= 0 ? a : b);
        return new ResolvableKnowledge(first.Stored, (TrustTier)Math.Min((int)a.OriginTier, (int)b.OriginTier));
    }

    // Best first: tier descending, effective timestamp descending, id descending (ordinal).
    private sealed class Ranking : IComparer<ResolvableKnowledge>
    {
        public static readonly Ranking Instance = new();

        public int Compare(ResolvableKnowledge? x, ResolvableKnowledge? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return 1;
            if (y is null) return -1;
            var byTier = ((int)y.OriginTier).CompareTo((int)x.OriginTier);
            if (byTier != 0) return byTier;
            var byTime = EffectiveTimestamp(y.Stored).CompareTo(EffectiveTimestamp(x.Stored));
            return byTime != 0 ? byTime : string.CompareOrdinal(y.Stored.Packet.Id, x.Stored.Packet.Id);
        }
    }
}
