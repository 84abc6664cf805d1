using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>
/// SPEC 6 "any delivery order gives the same result": for random packet sets (several origins and tiers, three keys, all
/// kinds, supersedes links, timestamps around their receipt so the 5-minute cap bites), every shuffled delivery with
/// random extra copies (received later, from other peers) resolves to the same heads, winner and conflicts; and that view
/// matches a naive model of the rules.
/// </summary>
public sealed class ConflictConvergenceProperties
{
    internal static readonly string[] Keys = ["cache:a", "cache:b", "prior:router-1"];

    [Property(MaxTest = 300, Arbitrary = [typeof(ConvergenceArbitrary)])]
    public void Every_delivery_order_with_duplicates_gives_the_same_view(ConvergenceCase scenario)
    {
        foreach (var key in Keys)
        {
            var expected = ConflictResolver.Resolve(key, scenario.Set);
            Assert.Equal(Model(key, scenario.Set), Summary(expected));
            foreach (var delivery in scenario.Deliveries)
                Assert.Equal(Summary(expected), Summary(ConflictResolver.Resolve(key, delivery)));
        }
    }

    private static string Summary(KnowledgeView view) =>
        $"winner={view.Winner?.Id[..8] ?? "none"} heads=[{string.Join(",", view.Heads.Select(p => p.Id[..8]))}] conflicts=[{string.Join(",", view.Conflicts.Select(p => p.Id[..8]))}]";

    // The rules written out the slow, obvious way over the de-duplicated set (each packet once, with its first receipt).
    private static string Model(string key, IReadOnlyList<ResolvableKnowledge> set)
    {
        var values = set.Where(p => p.Stored.Packet.Key == key && p.Stored.Packet.Kind != PacketKind.Annotate).ToList();
        var heads = values
            .Where(p => !values.Any(other => other.Stored.Packet.Supersedes.Contains(p.Stored.Packet.Id)))
            .OrderByDescending(p => p.OriginTier)
            .ThenByDescending(p => Math.Min(p.Stored.Packet.Timestamp, p.Stored.ReceivedAt + 5 * 60_000))
            .ThenByDescending(p => p.Stored.Packet.Id, StringComparer.Ordinal)
            .Select(p => p.Stored.Packet)
            .ToList();
        return Summary(new KnowledgeView(key, heads.FirstOrDefault(), [.. heads], [.. heads.Skip(1)]));
    }
}

/// <summary>One generated scenario: the packet set as first received, and several deliveries of it (shuffled, with copies).</summary>
public sealed record ConvergenceCase(ResolvableKnowledge[] Set, ResolvableKnowledge[][] Deliveries)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var p in Set)
        {
            var packet = p.Stored.Packet;
            text.Append(Invariant($"\n  {packet.Id[..8]} {packet.Origin} {p.OriginTier} {packet.Key} {packet.Kind} ts+{(packet.Timestamp - ConvergenceArbitrary.T0) / 60_000}m "))
                .Append(Invariant($"recv+{(p.Stored.ReceivedAt - ConvergenceArbitrary.T0) / 60_000}m supersedes=[{string.Join(",", packet.Supersedes.Select(id => id[..8]))}]"));
        }
        foreach (var delivery in Deliveries)
            text.Append("\n  delivery: ").AppendJoin(' ', delivery.Select(p => Invariant($"{p.Stored.Packet.Id[..8]}@{(p.Stored.ReceivedAt - ConvergenceArbitrary.T0) / 60_000}m")));
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

/// <summary>The FsCheck generator for <see cref="ConvergenceCase"/>.</summary>
public static class ConvergenceArbitrary
{
    public const long T0 = 1_767_225_600_000;
    private const long Minute = 60_000;

    private static readonly TrustTier[] Tiers = [TrustTier.Core, TrustTier.Sandbox, TrustTier.External, TrustTier.Unknown];

    private sealed record Spec(int Origin, int Key, PacketKind Kind, int TsMinutes, int ReceiptMinutes, int[] Picks);

    public static Arbitrary<ConvergenceCase> Cases() => Arb.From(
        from tiers in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Elements(Tiers), n))
        from specs in Gen.Choose(1, 16).SelectMany(n => Gen.ArrayOf(SpecGen(tiers.Length), n))
        from salt in Gen.Choose(0, int.MaxValue)
        let set = Build(tiers, specs, salt)
        from deliveries in Gen.ArrayOf(Delivery(set), 3)
        select new ConvergenceCase(set, deliveries));

    private static Gen<Spec> SpecGen(int origins) =>
        from origin in Gen.Choose(0, origins - 1)
        from key in Gen.Choose(0, ConflictConvergenceProperties.Keys.Length - 1)
        from kind in Gen.Frequency([(5, Gen.Constant(PacketKind.Assert)), (2, Gen.Constant(PacketKind.Retract)), (2, Gen.Constant(PacketKind.Annotate))])
        // Few distinct times, so ties on effective time (and the id tie-break) are common.
        from ts in Gen.Choose(0, 6)
        from receipt in Gen.Choose(-3, 12)
        from picks in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 1000), n))
        select new Spec(origin, key, kind, ts, receipt, picks);

    // Packet i may supersede earlier packets only (ids are hashes, so links cannot form a cycle); some links cross keys.
    private static ResolvableKnowledge[] Build(TrustTier[] tiers, Spec[] specs, int salt)
    {
        var set = new ResolvableKnowledge[specs.Length];
        for (var i = 0; i < specs.Length; i++)
        {
            var s = specs[i];
            var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{salt}:{i}"))));
            var supersedes = i == 0 ? [] : s.Picks.Select(pick => set[pick % i].Stored.Packet.Id).Distinct().ToArray();
            var packet = PacketSamples.Synthetic(id, $"origin-{s.Origin}", ConflictConvergenceProperties.Keys[s.Key], s.Kind, T0 + s.TsMinutes * Minute, supersedes);
            set[i] = PacketSamples.Held(packet, tiers[s.Origin], T0 + s.ReceiptMinutes * Minute, $"origin-{s.Origin}");
        }
        return set;
    }

    // Every packet at least once with its first receipt; up to two more copies received later from relays; all shuffled.
    private static Gen<ResolvableKnowledge[]> Delivery(ResolvableKnowledge[] set) =>
        from extras in Gen.ArrayOf(Gen.Choose(0, 2), set.Length)
        from delays in Gen.ArrayOf(Gen.Choose(0, 30), set.Length * 2)
        let copies = set.SelectMany((p, i) => Enumerable.Range(0, extras[i] + 1).Select(copy => copy == 0
            ? p
            : p with { Stored = p.Stored with { ReceivedFrom = $"relay-{copy}", ReceivedAt = p.Stored.ReceivedAt + delays[2 * i + copy - 1] * Minute } }))
        from shuffled in Gen.Shuffle(copies)
        select shuffled;
}
