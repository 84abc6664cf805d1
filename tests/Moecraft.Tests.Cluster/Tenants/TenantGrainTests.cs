using Microsoft.Extensions.DependencyInjection;
using Moecraft.Ledger;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.Tenants;

/// <summary>Tenant grains and the API key index in the shared three-silo SQLite cluster.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class TenantGrainTests(SqliteClusterFixture fixture)
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Configure_stores_the_settings_with_key_hashes_only()
    {
        var id = TestTenants.UniqueId();
        var apiKey = TestTenants.NewApiKey();
        var settings = TestTenants.Settings(25m, BudgetPeriod.Monthly, TestTenants.Key(apiKey, 30));
        var tenant = Client.GetGrain<ITenantGrain>(id);

        Assert.Equal(settings, await tenant.Configure(settings));
        await fixture.Cluster.Cluster.DeactivateAsync(tenant);

        var stored = await tenant.GetSettings();
        Assert.Equal(settings, stored);
        Assert.DoesNotContain(stored.ApiKeys, k => k.KeyHash == apiKey);
        var usage = await tenant.GetUsage();
        Assert.Equal(BudgetPeriod.Monthly, usage.Period);
        Assert.Equal(25m, usage.Budget);
        Assert.Equal(25m, usage.Remaining);
        Assert.Equal(1, usage.PeriodStart.Day);
    }

    [Fact]
    public async Task An_unknown_tenant_is_a_clear_error_on_every_call()
    {
        var id = TestTenants.UniqueId();
        var tenant = Client.GetGrain<ITenantGrain>(id);

        var error = await Assert.ThrowsAsync<TenantNotConfiguredException>(() => tenant.GetSettings());
        Assert.Equal(id, error.TenantId);
        Assert.Contains("not configured", error.Message);
        await Assert.ThrowsAsync<TenantNotConfiguredException>(() => tenant.GetUsage());
        await Assert.ThrowsAsync<TenantNotConfiguredException>(() => tenant.Reserve("r1", 1m));
        await Assert.ThrowsAsync<TenantNotConfiguredException>(() => tenant.Settle("r1", 1m));
        await Assert.ThrowsAsync<TenantNotConfiguredException>(() => tenant.Release("r1"));
        await Assert.ThrowsAsync<TenantNotConfiguredException>(() => tenant.AuthorizeKey(TestTenants.NewApiKey()));
    }

    [Fact]
    public async Task Reserve_settle_and_release_charge_exactly_what_was_spent()
    {
        var tenant = Client.GetGrain<ITenantGrain>(TestTenants.UniqueId());
        await tenant.Configure(TestTenants.Settings(10m));

        var reservation = await tenant.Reserve("r1", 4m);
        Assert.Equal(4m, reservation.Amount);
        Assert.Equal(6m, reservation.Remaining);
        await tenant.Reserve("r2", 5m);

        var settled = await tenant.Settle("r1", 1.5m);
        Assert.Equal(new BudgetSettlement(tenant.GetPrimaryKeyString(), "r1", 4m, 1.5m, Released: false), settled);
        Assert.Equal(2.5m, settled.Returned);
        Assert.Equal(settled, await tenant.Settle("r1", 1.5m)); // idempotent: charged once

        var released = await tenant.Release("r2");
        Assert.True(released.Released);
        Assert.Equal(0m, released.Charged);

        var usage = await tenant.GetUsage();
        Assert.Equal(1.5m, usage.Spent);
        Assert.Equal(0m, usage.Reserved);
        Assert.Equal(8.5m, usage.Remaining);
        Assert.Equal(1, usage.Requests);
        Assert.Equal(0, usage.OpenReservations);
    }

    [Fact]
    public async Task An_exhausted_budget_rejects_with_a_clear_error_and_charges_nothing()
    {
        var id = TestTenants.UniqueId();
        var tenant = Client.GetGrain<ITenantGrain>(id);
        await tenant.Configure(TestTenants.Settings(3m));
        await tenant.Reserve("r1", 2m);
        await tenant.Settle("r1", 2m);
        var before = await tenant.GetUsage();

        var error = await Assert.ThrowsAsync<BudgetExceededException>(() => tenant.Reserve("r2", 1.01m));

        Assert.Equal(id, error.TenantId);
        Assert.Equal(1.01m, error.Requested);
        Assert.Equal(1m, error.Remaining);
        Assert.Equal(before.PeriodEnd, error.PeriodEnd);
        Assert.Equal(before, await tenant.GetUsage());
    }

    [Fact]
    public async Task Bad_input_is_rejected_and_changes_nothing()
    {
        var tenant = Client.GetGrain<ITenantGrain>(TestTenants.UniqueId());
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(TestTenants.Settings(0m)));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(TestTenants.Settings(-5m)));
        await Assert.ThrowsAsync<TenantNotConfiguredException>(() => tenant.GetSettings());

        var settings = TestTenants.Settings(10m, BudgetPeriod.Daily, TestTenants.Key(TestTenants.NewApiKey()));
        await tenant.Configure(settings);
        await tenant.Reserve("open", 2m);
        var before = await tenant.GetUsage();

        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(settings with { QualityTarget = 1.5 }));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(settings with { QualityTarget = double.NaN }));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(settings with { RoutingPolicy = " " }));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(settings with { RoutingPolicy = "cheapest-acceptable" }));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(settings with { Period = (BudgetPeriod)7 }));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(settings with { ApiKeys = [new ApiKeySettings(TestTenants.NewApiKey(), 10)] }));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(settings with { ApiKeys = [settings.ApiKeys[0] with { RequestsPerMinute = 0 }] }));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Configure(settings with { ApiKeys = [settings.ApiKeys[0], settings.ApiKeys[0]] }));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Reserve("r1", -1m));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Reserve("", 1m));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Settle("open", -0.5m));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Settle(" ", 1m));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Release(""));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.AuthorizeKey("short"));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.AuthorizeKey("a key with spaces in it"));

        Assert.Equal(settings, await tenant.GetSettings());
        Assert.Equal(before, await tenant.GetUsage());
    }

    [Fact]
    public async Task Open_reservations_survive_deactivation_and_spend_is_what_the_ledger_holds()
    {
        var id = TestTenants.UniqueId();
        var tenant = Client.GetGrain<ITenantGrain>(id);
        await tenant.Configure(TestTenants.Settings(10m));
        await tenant.Reserve("r1", 3m);
        await tenant.Reserve("r2", 2m);
        // The router commits a request's ledger line (its charge) before it tells the tenant.
        await CommitAsync(Line(id, "r2", 1m));
        await tenant.Settle("r2", 1m);
        await CommitAsync(Line(id, "cached", 0m) with { CacheHit = true });
        await CommitAsync(Line(id, "failed", 0m) with { Outcome = LedgerOutcome.Failed });

        await fixture.Cluster.Cluster.DeactivateAsync(tenant);

        var usage = await tenant.GetUsage();
        Assert.Equal(3m, usage.Reserved);
        Assert.Equal(1m, usage.Spent);
        Assert.Equal(1, usage.Requests);
        Assert.Equal(1, usage.OpenReservations);
        Assert.Equal(1m, (await tenant.Settle("r2", 1m)).Charged); // a recent line is known: not charged twice
        Assert.Equal(1m, (await tenant.GetUsage()).Spent);
        Assert.True((await tenant.Reserve("r2", 1m)).Repeated);
        Assert.Equal(2.5m, (await tenant.Settle("r1", 2.5m)).Charged);
        Assert.Equal(3.5m, (await tenant.GetUsage()).Spent);
    }

    [Fact]
    public async Task A_tenant_that_lost_its_activation_restores_its_spend_from_the_ledger()
    {
        var id = TestTenants.UniqueId();
        var tenant = Client.GetGrain<ITenantGrain>(id);
        await tenant.Configure(TestTenants.Settings(10m));
        await tenant.GetUsage();
        // Lines committed by routers whose settle never reached this activation (its silo died, say).
        await CommitAsync(Line(id, "a", 2m));
        await CommitAsync(Line(id, "b", 0.5m));
        await fixture.Cluster.Cluster.DeactivateAsync(tenant);

        var usage = await tenant.GetUsage();

        Assert.Equal(2.5m, usage.Spent);
        Assert.Equal(2, usage.Requests);
        Assert.Equal(7.5m, usage.Remaining);
    }

    private Task CommitAsync(LedgerEntry line) =>
        fixture.Cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<ILedger>().CommitAsync(new Settlement(line, null));

    private static LedgerEntry Line(string tenant, string requestId, decimal cost) => new(
        tenant, requestId, DateTimeOffset.UtcNow, "default", 0, ["e"], [1.0], 1.0, "fixed", 10, 10, cost, cost, 5, false, LedgerOutcome.Answered);

    [Fact]
    public async Task Each_key_has_its_own_rate_limit_with_a_retry_after()
    {
        var id = TestTenants.UniqueId();
        var slow = TestTenants.NewApiKey();
        var fast = TestTenants.NewApiKey();
        var tenant = Client.GetGrain<ITenantGrain>(id);
        await tenant.Configure(TestTenants.Settings(10m, BudgetPeriod.Daily, TestTenants.Key(slow, 2), TestTenants.Key(fast, 1000)));

        Assert.True(await tenant.AuthorizeKey(slow));
        Assert.True(await tenant.AuthorizeKey(slow));
        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => tenant.AuthorizeKey(slow));
        Assert.Equal(id, error.TenantId);
        Assert.Equal(2, error.RequestsPerMinute);
        Assert.InRange(error.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        for (var i = 0; i < 20; i++) Assert.True(await tenant.AuthorizeKey(fast));
        Assert.False(await tenant.AuthorizeKey(TestTenants.NewApiKey()));
    }

    [Fact]
    public async Task A_raw_key_finds_its_tenant_through_the_index()
    {
        var id = TestTenants.UniqueId();
        var kept = TestTenants.NewApiKey();
        var dropped = TestTenants.NewApiKey();
        var tenant = Client.GetGrain<ITenantGrain>(id);
        await tenant.Configure(TestTenants.Settings(10m, BudgetPeriod.Daily, TestTenants.Key(kept), TestTenants.Key(dropped)));

        Assert.Equal(id, await Client.AuthenticateAsync(kept));
        Assert.Equal(id, await Client.AuthenticateAsync(dropped));
        Assert.Null(await Client.AuthenticateAsync(TestTenants.NewApiKey()));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.AuthenticateAsync("not a key"));
        // The index is keyed by hashes only.
        await Assert.ThrowsAsync<ArgumentException>(() => Client.GetGrain<IApiKeyIndexGrain>(kept).Assign(id));

        await tenant.Configure(TestTenants.Settings(10m, BudgetPeriod.Daily, TestTenants.Key(kept)));

        Assert.Equal(id, await Client.AuthenticateAsync(kept));
        Assert.Null(await Client.AuthenticateAsync(dropped));
        Assert.Null(await Client.GetApiKeyIndex(dropped).GetTenant());
    }

    [Fact]
    public async Task A_key_of_another_tenant_is_refused_and_changes_nothing()
    {
        var owner = Client.GetGrain<ITenantGrain>(TestTenants.UniqueId());
        var other = Client.GetGrain<ITenantGrain>(TestTenants.UniqueId());
        var shared = TestTenants.NewApiKey();
        var fresh = TestTenants.NewApiKey();
        await owner.Configure(TestTenants.Settings(10m, BudgetPeriod.Daily, TestTenants.Key(shared)));
        var otherSettings = TestTenants.Settings(5m);
        await other.Configure(otherSettings);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            other.Configure(TestTenants.Settings(7m, BudgetPeriod.Daily, TestTenants.Key(fresh), TestTenants.Key(shared))));

        Assert.Equal(otherSettings, await other.GetSettings());
        Assert.Equal(owner.GetPrimaryKeyString(), await Client.AuthenticateAsync(shared));
        Assert.Null(await Client.GetApiKeyIndex(fresh).GetTenant()); // the key claimed before the refusal was given back
        Assert.False(await other.AuthorizeKey(shared));
    }
}
