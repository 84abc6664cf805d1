using Moecraft.Client;
using Moecraft.Hosting.Configuration;
using Moecraft.Journal;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Journal;

[Collection(SqliteClusterCollection.Name)]
public sealed class JournalGrainTests(SqliteClusterFixture fixture)
{
    private static readonly DateOnly Day = new(2026, 3, 14);

    private IJournalGrain Journal(string node, DateOnly day) => fixture.Cluster.Client.GetGrain<IJournalGrain>(JournalKeys.For(node, day));

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    [Fact]
    public async Task Entries_are_kept_per_node_and_day_in_time_order()
    {
        var node = TestExperts.UniqueId("node");
        await Journal(node, Day).Append(new JournalEntry(At(Day, 15), JournalKinds.Resume, "resumed"));
        await Journal(node, Day).Append(new JournalEntry(At(Day, 9), JournalKinds.Halt, "halted"));
        await Journal(node, Day.AddDays(1)).Append(new JournalEntry(At(Day.AddDays(1), 1), JournalKinds.PolicyChange, "next day"));

        var client = new MoecraftClient(fixture.Cluster.Client);
        var day = Assert.Single(await client.GetJournalAsync(node, Day));
        Assert.Equal((node, Day, 0), (day.Node, day.Day, day.Dropped));
        Assert.Equal(["halted", "resumed"], day.Entries.Select(e => e.Text));
        Assert.Equal(["next day"], Assert.Single(await client.GetJournalAsync(node, Day.AddDays(1))).Entries.Select(e => e.Text));
        Assert.Empty(Assert.Single(await client.GetJournalAsync(TestExperts.UniqueId("other"), Day)).Entries);
    }

    [Fact]
    public async Task Bad_entries_are_refused_and_change_nothing()
    {
        var node = TestExperts.UniqueId("node");
        var journal = Journal(node, Day);
        await journal.Append(new JournalEntry(At(Day, 8), JournalKinds.Halt, "first"));

        var wrongDay = await Assert.ThrowsAsync<ArgumentException>(() => journal.Append(new JournalEntry(At(Day.AddDays(1), 8), JournalKinds.Halt, "late")));
        Assert.Contains("does not belong to the journal of 2026-03-14", wrongDay.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => journal.Append(new JournalEntry(At(Day, 9), "Not A Kind", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => journal.Append(new JournalEntry(At(Day, 9), JournalKinds.Halt, " ")));

        Assert.Equal(["first"], (await journal.Read()).Entries.Select(e => e.Text));
    }

    [Fact]
    public void Keys_name_node_and_utc_day_and_malformed_ones_are_refused()
    {
        Assert.Equal("eu-1/2026-03-14", JournalKeys.For("eu-1", Day));
        Assert.Equal("eu-1/2026-03-14", JournalKeys.For("eu-1", new DateTimeOffset(2026, 3, 15, 1, 0, 0, TimeSpan.FromHours(2))));
        Assert.Equal(("eu-1", Day), JournalKeys.Parse("eu-1/2026-03-14"));
        Assert.Throws<ArgumentException>(() => JournalKeys.Parse("eu-1/14.03.2026"));
        Assert.Throws<ArgumentException>(() => JournalKeys.Parse("2026-03-14"));
        Assert.Throws<ArgumentException>(() => JournalKeys.For("a/b", Day));
    }

    [Fact]
    public async Task An_exhausted_budget_is_journaled_once_per_period()
    {
        var tenantId = TestExperts.UniqueId("broke");
        var tenant = fixture.Cluster.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.Configure(new TenantSettings(1m, BudgetPeriod.Monthly, 0.7, RoutingPolicyNames.Cheapest, []));
        await Assert.ThrowsAsync<BudgetExceededException>(() => tenant.Reserve("r1", 2m));
        await Assert.ThrowsAsync<BudgetExceededException>(() => tenant.Reserve("r2", 3m));

        var node = new MoecraftSiloOptions().NodeName;
        var entry = await Eventually.Succeeds(async () =>
        {
            var day = await fixture.Cluster.Client.GetGrain<IJournalGrain>(JournalKeys.For(node, DateTimeOffset.UtcNow)).Read();
            return day.Entries.Single(e => e.Kind == JournalKinds.BudgetExhausted && e.Text.Contains($"'{tenantId}'"));
        }, TimeSpan.FromSeconds(10), "the budget journal entry");
        Assert.Contains("request 'r1' needed up to 2", entry.Text);
    }
}
