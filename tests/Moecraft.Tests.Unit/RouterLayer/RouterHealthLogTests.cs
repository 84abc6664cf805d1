using System.Collections.Immutable;
using Moecraft.Routing;

namespace Moecraft.Tests.RouterLayer;

/// <summary>The health history's plain rules: when a snapshot is due, and that only the newest are kept.</summary>
public sealed class RouterHealthLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static RouterHealthSnapshot At(int minute, long steps, int epoch = 1) =>
        new(Start.AddMinutes(minute), epoch, steps, ImmutableArray<ExpertHealthPoint>.Empty, 2, 0.1, 0.5, 0.4, 1.2);

    [Fact]
    public void A_router_that_never_observed_a_step_has_no_snapshot_due()
    {
        Assert.False(new RouterHealthLog().IsDue(steps: 0, epoch: 4));
        Assert.True(new RouterHealthLog().IsDue(steps: 1, epoch: 4));
    }

    [Fact]
    public void A_snapshot_is_due_only_when_steps_or_the_epoch_moved_since_the_newest_one()
    {
        var log = new RouterHealthLog().With(At(0, steps: 10, epoch: 1), kept: 5);

        Assert.False(log.IsDue(steps: 10, epoch: 1));
        Assert.True(log.IsDue(steps: 11, epoch: 1));
        Assert.True(log.IsDue(steps: 10, epoch: 2));
    }

    [Fact]
    public void Only_the_newest_snapshots_are_kept_oldest_first()
    {
        var first = new RouterHealthLog();
        var log = first;
        for (var i = 0; i < 8; i++) log = log.With(At(i, steps: i + 1), kept: 5);

        Assert.Equal([4L, 5, 6, 7, 8], log.Snapshots.Select(s => s.Steps));
        Assert.Equal(Start.AddMinutes(3), log.Snapshots[0].At);
        // Each snapshot makes a new copy (the router writes it with WriteNextAsync): the log it came from is unchanged.
        Assert.Empty(first.Snapshots);
    }

    [Fact]
    public void Epoch_boundaries_keep_the_most_recent_ones()
    {
        var epochs = new List<EpochBoundary>();
        for (var e = 0; e < RouterHealthLog.EpochsKept + 3; e++)
            RouterHealthLog.AddEpoch(epochs, new EpochBoundary(e, e * 10, Start.AddMinutes(e), $"epoch {e}"));

        Assert.Equal(RouterHealthLog.EpochsKept, epochs.Count);
        Assert.Equal(3, epochs[0].Epoch);
        Assert.Equal(RouterHealthLog.EpochsKept + 2, epochs[^1].Epoch);
    }

    [Fact]
    public void A_keep_limit_below_one_is_refused_and_changes_nothing()
    {
        var log = new RouterHealthLog();
        Assert.Throws<ArgumentOutOfRangeException>(() => log.With(At(0, steps: 1), kept: 0));
        Assert.Empty(log.Snapshots);
    }

    [Theory]
    [InlineData(0.01, 10)]
    [InlineData(60, 0)]
    [InlineData(60, 10_001)]
    public void History_settings_that_cannot_work_are_refused(double periodSeconds, int kept) =>
        Assert.Throws<ArgumentException>(() => new RouterHealthHistorySettings(TimeSpan.FromSeconds(periodSeconds), kept).Validate());
}
