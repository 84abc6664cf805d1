using System.Collections.Immutable;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>When a sync asks for the next batch, and what its report adds up.</summary>
public sealed class SyncProgressTests
{
    private static readonly KnowledgePacket Packet = PacketSamples.Synthetic(PacketSamples.Id(1), "origin", "cache:k", PacketKind.Assert, 1);

    private static PacketBatch Batch(bool more) => new([Packet], more);

    private static SyncReport Stored(int accepted, int duplicates, params string[] rejected) =>
        new("node-b", 1, accepted, accepted, duplicates, [.. rejected], []);

    [Fact]
    public void It_goes_on_while_the_peer_has_more_and_adds_up_what_each_batch_stored()
    {
        var progress = new SyncProgress("node-b");
        Assert.True(progress.Pulled(Batch(more: true)));
        progress.Stored(Batch(more: true), Stored(accepted: 100, duplicates: 0, "one rejected"));
        Assert.False(progress.Done);
        Assert.True(progress.Pulled(Batch(more: false)));
        progress.Stored(Batch(more: false), Stored(accepted: 3, duplicates: 2));
        Assert.True(progress.Done);

        var clock = new[] { new FeedPosition("origin", 103, "head") }.ToImmutableArray();
        var report = progress.Report(clock);
        Assert.Equal(("node-b", 2, 103, 103, 2, 1), (report.Peer, report.Batches, report.Accepted, report.Quarantined, report.Duplicates, report.Rejected.Length));
        Assert.Equal(clock, report.Clock);
    }

    [Fact]
    public void It_stops_at_an_empty_batch_or_a_batch_of_which_nothing_could_be_stored()
    {
        var empty = new SyncProgress("node-b");
        Assert.False(empty.Pulled(new PacketBatch([], More: true)));
        Assert.True(empty.Done);
        Assert.Equal(1, empty.Report([]).Batches);

        var stuck = new SyncProgress("node-b");
        stuck.Pulled(Batch(more: true));
        stuck.Stored(Batch(more: true), Stored(accepted: 0, duplicates: 0, "dependency missing"));
        Assert.True(stuck.Done);
    }

    [Fact]
    public void It_stops_after_the_most_batches_a_sync_takes_even_if_the_peer_keeps_sending()
    {
        var progress = new SyncProgress("node-b");
        for (var i = 0; i < SyncProgress.MaxBatches; i++)
        {
            Assert.False(progress.Done);
            progress.Pulled(Batch(more: true));
            progress.Stored(Batch(more: true), Stored(accepted: 1, duplicates: 0));
        }
        Assert.True(progress.Done);
        Assert.Equal(SyncProgress.MaxBatches, progress.Report([]).Batches);
    }

    [Fact]
    public void The_clock_after_a_batch_moves_each_origin_of_the_batch_to_its_last_packet_and_keeps_the_others()
    {
        ImmutableArray<FeedPosition> clock = [new("origin-a", 5, "a5"), new("origin-c", 9, "c9")];
        var b1 = PacketSamples.Synthetic(PacketSamples.Id(1), "origin-b", "cache:k", PacketKind.Assert, 1) with { Seq = 1 };
        var a6 = PacketSamples.Synthetic(PacketSamples.Id(2), "origin-a", "cache:k", PacketKind.Assert, 1) with { Seq = 6 };
        var a7 = PacketSamples.Synthetic(PacketSamples.Id(3), "origin-a", "cache:k", PacketKind.Assert, 1) with { Seq = 7 };
        var c3 = PacketSamples.Synthetic(PacketSamples.Id(4), "origin-c", "cache:k", PacketKind.Assert, 1) with { Seq = 3 };

        var after = SyncProgress.ClockAfter(clock, new PacketBatch([a6, a7, b1, c3], More: true));

        Assert.Equal(
            [new FeedPosition("origin-a", 7, a7.Id), new FeedPosition("origin-b", 1, b1.Id), new FeedPosition("origin-c", 9, "c9")],
            after.ToArray());
        Assert.Equal(clock.ToArray(), SyncProgress.ClockAfter(clock, new PacketBatch([], More: false)).ToArray());
        Assert.Equal([new FeedPosition("origin-b", 1, b1.Id)], SyncProgress.ClockAfter(default, new PacketBatch([b1], More: false)).ToArray());
    }

    [Fact]
    public void A_batch_is_stored_whole_only_when_every_packet_was_stored_or_held_and_none_rejected()
    {
        var two = new PacketBatch([Packet, Packet with { Seq = 2 }], More: true);

        Assert.True(SyncProgress.StoredWhole(two, Stored(accepted: 2, duplicates: 0)));
        Assert.True(SyncProgress.StoredWhole(two, Stored(accepted: 1, duplicates: 1)));
        Assert.False(SyncProgress.StoredWhole(two, Stored(accepted: 1, duplicates: 0)));
        Assert.False(SyncProgress.StoredWhole(two, Stored(accepted: 1, duplicates: 0, "seq 2 waits for a dependency")));
        Assert.False(SyncProgress.StoredWhole(two, Stored(accepted: 2, duplicates: 0, "a forked origin")));
    }
}
