using Microsoft.Extensions.Time.Testing;
using Moecraft.Tenants;

namespace Moecraft.Tests.Tenants;

/// <summary>The money arithmetic of a tenant, on plain data with explicit instants.</summary>
public sealed class BudgetAccountTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reserve_settle_lower_and_release_leave_exact_totals()
    {
        var account = new BudgetAccount(10m, BudgetPeriodKind.Daily, Noon);

        Assert.NotNull(account.TryReserve("a", 4m, Noon));
        Assert.NotNull(account.TryReserve("b", 3m, Noon));
        Assert.Equal(7m, account.Reserved);
        Assert.Equal(3m, account.Remaining);

        var settled = account.Settle("a", 1.25m, Noon);
        Assert.Equal(new FinishedRequest("a", 4m, 1.25m, Released: false), settled);
        Assert.Equal(1.25m, account.Spent);
        Assert.Equal(3m, account.Reserved);
        Assert.Equal(5.75m, account.Remaining);

        var released = account.Release("b", Noon);
        Assert.Equal(new FinishedRequest("b", 3m, 0m, Released: true), released);
        Assert.Equal(1.25m, account.Spent);
        Assert.Equal(0m, account.Reserved);
        Assert.Equal(8.75m, account.Remaining);
        Assert.Equal(1, account.Requests);
    }

    [Fact]
    public void A_reservation_over_the_budget_is_refused_and_changes_nothing()
    {
        var account = new BudgetAccount(5m, BudgetPeriodKind.Daily, Noon);
        account.TryReserve("a", 3m, Noon);
        account.Settle("a", 3m, Noon);
        account.TryReserve("b", 1.5m, Noon);
        var version = account.Version;

        Assert.Null(account.TryReserve("c", 0.51m, Noon));
        Assert.Equal(version, account.Version);
        Assert.Equal(3m, account.Spent);
        Assert.Equal(1.5m, account.Reserved);
        // Exactly filling the budget is allowed.
        Assert.NotNull(account.TryReserve("c", 0.5m, Noon));
        Assert.Equal(0m, account.Remaining);
    }

    [Fact]
    public void Settle_and_release_are_idempotent_per_request_id()
    {
        var account = new BudgetAccount(10m, BudgetPeriodKind.Daily, Noon);
        account.TryReserve("a", 2m, Noon);
        Assert.Same(account.TryReserve("a", 2m, Noon), account.TryReserve("a", 2m, Noon));
        var first = account.Settle("a", 1m, Noon);
        var version = account.Version;

        Assert.Equal(first, account.Settle("a", 1m, Noon));
        Assert.Throws<InvalidOperationException>(() => account.Settle("a", 1.5m, Noon));
        Assert.Equal(first, account.Release("a", Noon)); // a settled request keeps its charge
        Assert.Throws<InvalidOperationException>(() => account.TryReserve("a", 2m, Noon));
        Assert.Equal(version, account.Version);
        Assert.Equal(1m, account.Spent);
        Assert.Equal(1, account.Requests);

        account.TryReserve("b", 2m, Noon);
        var released = account.Release("b", Noon);
        Assert.Equal(released, account.Release("b", Noon));
        Assert.Throws<InvalidOperationException>(() => account.Settle("b", 2m, Noon));
        Assert.Equal(1m, account.Spent);
    }

    [Fact]
    public void Bad_input_is_rejected_and_changes_nothing()
    {
        Assert.Throws<ArgumentException>(() => new BudgetAccount(0m, BudgetPeriodKind.Daily, Noon));
        Assert.Throws<ArgumentException>(() => new BudgetAccount(-1m, BudgetPeriodKind.Monthly, Noon));

        var account = new BudgetAccount(10m, BudgetPeriodKind.Daily, Noon);
        account.TryReserve("a", 2m, Noon);
        var version = account.Version;

        Assert.Throws<ArgumentException>(() => account.TryReserve("b", -0.01m, Noon));
        Assert.Throws<ArgumentException>(() => account.TryReserve("", 1m, Noon));
        Assert.Throws<ArgumentException>(() => account.TryReserve("  ", 1m, Noon));
        Assert.Throws<ArgumentException>(() => account.TryReserve(new string('r', 201), 1m, Noon));
        Assert.Throws<InvalidOperationException>(() => account.TryReserve("a", 3m, Noon));
        Assert.Throws<ArgumentException>(() => account.Settle("a", -1m, Noon));
        Assert.Throws<ArgumentException>(() => account.Settle("", 1m, Noon));
        Assert.Throws<ArgumentException>(() => account.Reconfigure(0m, BudgetPeriodKind.Daily, Noon));

        Assert.Equal(version, account.Version);
        Assert.Equal(2m, account.Reserved);
        Assert.Equal(0m, account.Spent);
        Assert.Equal(10m, account.Budget);
    }

    [Fact]
    public void A_cost_above_its_reservation_is_charged_in_full()
    {
        var account = new BudgetAccount(10m, BudgetPeriodKind.Daily, Noon);
        account.TryReserve("a", 1m, Noon);

        Assert.Equal(1.5m, account.Settle("a", 1.5m, Noon).Charged);
        Assert.Equal(1.5m, account.Spent);
    }

    [Fact]
    public void The_daily_period_rolls_over_at_midnight_utc_and_open_reservations_carry_over()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 23, 59, 0, TimeSpan.Zero));
        var account = new BudgetAccount(10m, BudgetPeriodKind.Daily, clock.GetUtcNow());
        account.TryReserve("a", 6m, clock.GetUtcNow());
        account.Settle("a", 6m, clock.GetUtcNow());
        account.TryReserve("open", 3m, clock.GetUtcNow());
        Assert.Null(account.TryReserve("b", 2m, clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(account.RollOver(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.NotNull(account.TryReserve("b", 2m, clock.GetUtcNow()));
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero), account.Window.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 0, 0, 0, TimeSpan.Zero), account.Window.End);
        Assert.Equal(0m, account.Spent);
        Assert.Equal(0, account.Requests);
        Assert.Equal(5m, account.Reserved);

        // A request reserved yesterday and settled today is charged to today.
        account.Settle("open", 2.5m, clock.GetUtcNow());
        Assert.Equal(2.5m, account.Spent);
    }

    [Fact]
    public void The_monthly_period_rolls_over_on_the_first_of_the_month_utc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 22, 0, 0, TimeSpan.FromHours(-3)));
        var account = new BudgetAccount(100m, BudgetPeriodKind.Monthly, clock.GetUtcNow());
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), account.Window.Start); // 01:00 UTC on Jan 1
        account.TryReserve("a", 40m, clock.GetUtcNow());
        account.Settle("a", 40m, clock.GetUtcNow());

        clock.Advance(TimeSpan.FromDays(30));
        Assert.False(account.RollOver(clock.GetUtcNow()));
        Assert.Equal(40m, account.Spent);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(account.RollOver(clock.GetUtcNow()));
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), account.Window.Start);
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), account.Window.End);
        Assert.Equal(0m, account.Spent);
    }

    [Fact]
    public void Only_the_most_recent_finished_requests_are_remembered()
    {
        var account = new BudgetAccount(1_000_000m, BudgetPeriodKind.Monthly, Noon);
        for (var i = 0; i < BudgetAccount.RememberedRequests + 10; i++)
        {
            account.TryReserve($"r{i}", 1m, Noon);
            account.Settle($"r{i}", 1m, Noon);
        }

        Assert.Equal(BudgetAccount.RememberedRequests, account.Finished.Count());
        Assert.Equal("r10", account.Finished.First().RequestId);
        Assert.Equal(BudgetAccount.RememberedRequests + 10, account.Requests);
    }

    [Fact]
    public void A_settle_without_a_hold_is_charged_because_the_ledger_already_holds_it()
    {
        // The hold was lost with an earlier activation of the tenant; the request's line is on the ledger.
        var account = new BudgetAccount(10m, BudgetPeriodKind.Daily, Noon);

        Assert.Equal(new FinishedRequest("lost", 0m, 1.5m, Released: false), account.Settle("lost", 1.5m, Noon));
        Assert.Equal(1.5m, account.Spent);
        Assert.Equal(new FinishedRequest("gone", 0m, 0m, Released: true), account.Release("gone", Noon));
        Assert.Equal(1.5m, account.Spent);
    }

    [Fact]
    public void Holds_past_their_lease_are_listed_oldest_first_and_fresh_ones_are_not()
    {
        var account = new BudgetAccount(10m, BudgetPeriodKind.Daily, Noon);
        account.TryReserve("new", 1m, Noon.AddMinutes(9));
        account.TryReserve("old", 1m, Noon);
        account.TryReserve("older", 1m, Noon.AddMinutes(-1));

        var expired = account.Expired(Noon.AddMinutes(10), TimeSpan.FromMinutes(10));

        Assert.Equal(["older", "old"], expired.Select(h => h.RequestId));
        Assert.Null(account.FinishedOf("old"));
        account.Release("old", Noon.AddMinutes(10));
        Assert.True(account.FinishedOf("old")?.Released);
    }

    [Fact]
    public void A_settle_for_a_request_the_restore_already_counted_is_not_charged_again_however_many_finish_since()
    {
        // Restored from the ledger: 2,000 lines summed into the spend; their settles may still arrive after a failover.
        var restored = Enumerable.Range(0, 2000).Select(i => new FinishedRequest($"old-{i}", 0m, 0.01m, Released: false)).ToList();
        var account = new BudgetAccount(1000m, BudgetPeriodKind.Daily, BudgetWindow.Containing(BudgetPeriodKind.Daily, Noon), 20m, 2000, [], restored);
        for (var i = 0; i < 1500; i++) account.Settle($"new-{i}", 0.01m, Noon);

        var late = account.Settle("old-0", 0.01m, Noon);

        Assert.Equal(0.01m, late.Charged);
        Assert.Equal(35m, account.Spent);
        Assert.Equal(3500, account.Requests);
    }
}
