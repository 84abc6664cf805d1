using Microsoft.Extensions.Time.Testing;
using Moecraft.Governance;

namespace Moecraft.Tests.Governance;

public sealed class GovernanceCacheTests
{
    private static GovernanceSnapshot Snapshot(long revision, bool halted) => new(
        "g", revision, new PolicyVersion(0, GovernancePolicy.Default, "default", DateTimeOffset.UnixEpoch),
        halted ? new HaltState(true, "why", "ops", DateTimeOffset.UnixEpoch) : HaltState.Running);

    // No governance grain: any read that is not served from memory fails the test.
    private static GovernanceCache Cache(TimeProvider clock) =>
        new(_ => throw new InvalidOperationException("read the grain"), clock);

    [Fact]
    public async Task A_pushed_snapshot_is_served_from_memory_while_fresh()
    {
        var clock = new FakeTimeProvider();
        var cache = Cache(clock);
        cache.Apply(Snapshot(2, halted: true));
        clock.Advance(GovernanceCache.RefreshAfter - TimeSpan.FromMilliseconds(1));

        var read = await cache.GetAsync("g");

        Assert.True(read.Halt.Halted);
    }

    [Fact]
    public async Task An_older_snapshot_that_arrives_late_never_replaces_a_newer_one()
    {
        var cache = Cache(new FakeTimeProvider());
        cache.Apply(Snapshot(5, halted: true));

        var kept = cache.Apply(Snapshot(4, halted: false));

        Assert.Equal(5, kept.Revision);
        Assert.True((await cache.GetAsync("g")).Halt.Halted);
        Assert.False(cache.Apply(Snapshot(6, halted: false)).Halt.Halted);
    }

    [Fact]
    public async Task A_stale_entry_is_read_again_and_a_failed_read_keeps_the_last_known_snapshot()
    {
        var clock = new FakeTimeProvider();
        var reads = 0;
        GovernanceSnapshot? next = Snapshot(7, halted: true);
        var cache = new GovernanceCache(_ =>
        {
            reads++;
            return next is { } snapshot ? Task.FromResult(snapshot) : throw new TimeoutException("unreachable");
        }, clock);

        Assert.True((await cache.GetAsync("g")).Halt.Halted);
        Assert.True((await cache.GetAsync("g")).Halt.Halted);
        Assert.Equal(1, reads);

        next = null;
        clock.Advance(GovernanceCache.RefreshAfter);
        Assert.Equal(7, (await cache.GetAsync("g")).Revision);
        Assert.Equal(7, (await cache.GetAsync("g")).Revision);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Without_any_known_snapshot_a_failed_read_fails_the_caller()
    {
        var cache = Cache(new FakeTimeProvider());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await cache.GetAsync("g"));
    }
}
