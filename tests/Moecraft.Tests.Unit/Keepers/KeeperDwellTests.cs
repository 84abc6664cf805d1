using Moecraft.Governance;
using Moecraft.Kernel;

namespace Moecraft.Tests.Keepers;

/// <summary>Dwell arithmetic and the per-clock constants of SPEC 5.2.</summary>
public sealed class KeeperDwellTests
{
    [Theory]
    [InlineData(KeeperClock.Fast, 10)]
    [InlineData(KeeperClock.Mid, 100)]
    [InlineData(KeeperClock.Slow, 1_000)]
    public void Each_clock_has_its_dwell(KeeperClock clock, long dwell) => Assert.Equal(dwell, KeeperClocks.Dwell(clock));

    [Fact]
    public void A_proposal_may_commit_exactly_when_its_clock_moved_on_by_the_dwell()
    {
        Assert.Equal(1_000, KeeperDwell.Remaining(proposedAt: 40, now: 40, dwell: 1_000));
        Assert.Equal(1, KeeperDwell.Remaining(40, 1_039, 1_000));
        Assert.False(KeeperDwell.IsOver(40, 1_039, 1_000));
        Assert.True(KeeperDwell.IsOver(40, 1_040, 1_000));
        Assert.Equal(0, KeeperDwell.Remaining(40, 5_000, 1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeeperDwell.Remaining(0, 0, -1));
    }

    [Fact]
    public void The_default_budgets_are_those_of_the_spec()
    {
        var budgets = KeeperWriteBudgets.Default;
        Assert.Equal(new KeeperWriteBudget(10, 100), KeeperClocks.Budget(budgets, KeeperClock.Fast));
        Assert.Equal(new KeeperWriteBudget(3, 1_000), KeeperClocks.Budget(budgets, KeeperClock.Mid));
        Assert.Equal(new KeeperWriteBudget(1, 10_000), KeeperClocks.Budget(budgets, KeeperClock.Slow));
        Assert.Equal(KeeperClock.Slow, KeeperClocks.Of(IdentityEventKind.Scar));
    }

    [Fact]
    public void Keeper_keys_round_trip_and_bad_keys_are_rejected()
    {
        Assert.Equal("r/x/slow", KeeperClocks.Key("r/x", KeeperClock.Slow));
        Assert.Equal(("r/x", KeeperClock.Slow), KeeperClocks.Parse("r/x/slow"));
        Assert.Equal(("router", KeeperClock.Fast), KeeperClocks.Parse("router/fast"));
        foreach (var bad in new[] { "router", "router/", "/slow", "router/hourly", " /mid" })
            Assert.Throws<ArgumentException>(() => KeeperClocks.Parse(bad));
    }
}
