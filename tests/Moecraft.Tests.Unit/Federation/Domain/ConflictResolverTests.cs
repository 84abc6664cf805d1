using Moecraft.Federation;
using static Moecraft.Tests.Federation.Domain.PacketSamples;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>SPEC 6 conflicts: heads are the unsuperseded value packets; the winner ranks by tier, capped timestamp, then id.</summary>
public sealed class ConflictResolverTests
{
    private const string Key = "reputation:expert-1";
    private const long T0 = 1_767_225_600_000;
    private const long Minute = 60_000;

    private static KnowledgePacket Value(int id, long ts, string origin = "o1", params string[] supersedes) =>
        Synthetic(Id(id), origin, Key, PacketKind.Assert, ts, supersedes);

    [Fact]
    public void Tier_beats_timestamp()
    {
        var core = Value(1, T0, "core");
        var sandbox = Value(2, T0 + 3 * Minute, "sandbox");

        var view = ConflictResolver.Resolve(Key, [Held(sandbox, TrustTier.Sandbox, T0 + 3 * Minute), Held(core, TrustTier.Core, T0)]);

        Assert.Equal(core, view.Winner);
        Assert.Equal([core.Id, sandbox.Id], Ids(view.Heads));
        Assert.Equal([sandbox.Id], Ids(view.Conflicts));
        Assert.Equal(Key, view.Key);
    }

    [Fact]
    public void Within_a_tier_the_later_timestamp_wins()
    {
        var older = Value(2, T0);
        var newer = Value(1, T0 + 1);

        var view = ConflictResolver.Resolve(Key, [Held(older, TrustTier.Core, T0 + 2), Held(newer, TrustTier.Core, T0 + 2)]);

        Assert.Equal(newer, view.Winner);
        Assert.Equal([older.Id], Ids(view.Conflicts));
    }

    [Fact]
    public void A_claimed_timestamp_counts_only_up_to_five_minutes_after_receipt()
    {
        // Claims an hour ahead but arrived at T0: ranks as T0 + 5 min, so an honest packet at T0 + 6 min beats it.
        var future = Value(9, T0 + 60 * Minute);
        var honest = Value(1, T0 + 6 * Minute);

        var view = ConflictResolver.Resolve(Key, [Held(future, TrustTier.Core, T0), Held(honest, TrustTier.Core, T0 + 6 * Minute)]);

        Assert.Equal(honest, view.Winner);
        Assert.Equal(T0 + 5 * Minute, ConflictResolver.EffectiveTimestamp(new StoredPacket(future, "p", T0)));
        Assert.Equal(T0 + 5 * Minute, ConflictResolver.EffectiveTimestamp(new StoredPacket(Value(3, T0 + 5 * Minute), "p", T0)));
        Assert.Equal(T0 - Minute, ConflictResolver.EffectiveTimestamp(new StoredPacket(Value(3, T0 - Minute), "p", T0)));
        Assert.Equal(42, ConflictResolver.EffectiveTimestamp(new StoredPacket(Value(3, 42), "p", long.MaxValue)));
    }

    [Fact]
    public void A_capped_timestamp_still_beats_an_earlier_one()
    {
        var future = Value(1, T0 + 60 * Minute);
        var honest = Value(9, T0 + 4 * Minute);

        var view = ConflictResolver.Resolve(Key, [Held(honest, TrustTier.Core, T0 + 4 * Minute), Held(future, TrustTier.Core, T0)]);

        Assert.Equal(future, view.Winner);
    }

    [Fact]
    public void Equal_tier_and_effective_time_fall_back_to_the_greater_id()
    {
        var low = Value(0x10, T0, "o1");
        var high = Value(0x20, T0, "o2");
        var middle = Value(0x18, T0 + 10 * Minute, "o3"); // Capped to T0 + 5 min at receipt T0: still later than T0.

        var view = ConflictResolver.Resolve(Key, [Held(low, TrustTier.Sandbox, T0), Held(high, TrustTier.Sandbox, T0), Held(middle, TrustTier.Sandbox, T0)]);

        Assert.Equal(middle, view.Winner);
        Assert.Equal([middle.Id, high.Id, low.Id], Ids(view.Heads));
        Assert.Equal([high.Id, low.Id], Ids(view.Conflicts));
        Assert.Equal(high, ConflictResolver.Resolve(Key, [Held(low, TrustTier.Sandbox, T0), Held(high, TrustTier.Sandbox, T0)]).Winner);
    }

    [Fact]
    public void Superseded_packets_are_not_heads_and_a_merge_packet_resolves_a_conflict()
    {
        var a = Value(1, T0, "o1");
        var b = Value(2, T0, "o2");
        var overA = Value(3, T0 - Minute, "o1", a.Id); // Older than b and lower id, yet a head once it supersedes a.
        var merge = Value(4, T0 - 2 * Minute, "o3", overA.Id, b.Id);

        var conflict = ConflictResolver.Resolve(Key, [Held(a, TrustTier.Core, T0), Held(b, TrustTier.Core, T0), Held(overA, TrustTier.Core, T0)]);
        var merged = ConflictResolver.Resolve(Key, [Held(a, TrustTier.Core, T0), Held(b, TrustTier.Core, T0), Held(overA, TrustTier.Core, T0), Held(merge, TrustTier.External, T0)]);

        Assert.Equal([b.Id, overA.Id], Ids(conflict.Heads));
        Assert.Equal(b, conflict.Winner);
        Assert.Equal([merge.Id], Ids(merged.Heads));
        Assert.Equal(merge, merged.Winner);
        Assert.Empty(merged.Conflicts);
    }

    [Fact]
    public void Annotations_are_never_heads_and_do_not_supersede_values()
    {
        var value = Value(1, T0);
        var note = Synthetic(Id(2), "o2", Key, PacketKind.Annotate, T0 + Minute, value.Id);

        var view = ConflictResolver.Resolve(Key, [Held(value, TrustTier.Sandbox, T0), Held(note, TrustTier.Core, T0 + Minute)]);
        var onlyNotes = ConflictResolver.Resolve(Key, [Held(note, TrustTier.Core, T0)]);

        Assert.Equal(value, view.Winner);
        Assert.Equal([value.Id], Ids(view.Heads));
        Assert.Null(onlyNotes.Winner);
        Assert.Empty(onlyNotes.Heads);
        Assert.Empty(onlyNotes.Conflicts);
    }

    [Fact]
    public void A_retraction_that_wins_stays_the_winner_and_other_keys_are_ignored()
    {
        var value = Value(1, T0);
        var retract = Synthetic(Id(2), "o1", Key, PacketKind.Retract, T0 + Minute, value.Id);
        var otherKey = Synthetic(Id(3), "o1", "reputation:expert-2", PacketKind.Assert, T0 + 2 * Minute, retract.Id);

        var view = ConflictResolver.Resolve(Key, [Held(value, TrustTier.Core, T0), Held(retract, TrustTier.Core, T0 + Minute), Held(otherKey, TrustTier.Core, T0)]);

        Assert.Equal(retract, view.Winner);
        Assert.Equal(PacketKind.Retract, view.Winner!.Kind);
        Assert.Equal([retract.Id], Ids(view.Heads));
        Assert.Null(ConflictResolver.Resolve(Key, []).Winner);
    }

    [Fact]
    public void A_duplicated_packet_ranks_by_its_earliest_receipt_in_any_order()
    {
        // First received at T0 (caps its T0 + 10 min claim to T0 + 5 min); a later copy must not lift the cap to T0 + 10 min.
        var claimsLate = Value(1, T0 + 10 * Minute, "o1");
        var rival = Value(2, T0 + 7 * Minute, "o2");
        ResolvableKnowledge first = Held(claimsLate, TrustTier.Core, T0), copy = Held(claimsLate, TrustTier.Core, T0 + 20 * Minute, "relay");
        var other = Held(rival, TrustTier.Core, T0 + 7 * Minute);

        var forward = ConflictResolver.Resolve(Key, [first, copy, other]);
        var backward = ConflictResolver.Resolve(Key, [other, copy, first]);

        Assert.Equal(rival, forward.Winner);
        Assert.Equal(rival, backward.Winner);
        Assert.Equal([rival.Id, claimsLate.Id], Ids(forward.Heads));
        Assert.Equal(Ids(forward.Conflicts), Ids(backward.Conflicts));
    }
}
