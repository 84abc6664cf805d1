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
}
