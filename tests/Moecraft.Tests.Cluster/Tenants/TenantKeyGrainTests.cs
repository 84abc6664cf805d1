using Microsoft.Extensions.DependencyInjection;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.Tenants;

/// <summary>Issuing, listing and revoking keys, creating and changing tenants, the directory, and cluster-wide limits.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class TenantKeyGrainTests(SqliteClusterFixture fixture)
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task An_issued_key_is_shown_once_stored_as_its_hash_and_finds_its_tenant()
    {
        var id = TestTenants.UniqueId();
        var tenant = Client.GetGrain<ITenantGrain>(id);
        await tenant.Create(TestTenants.Settings(10m));

        var issued = await tenant.IssueKey(new ApiKeyRequest("ci", 120, 5000, Admin: true));

        Assert.Equal(id, issued.TenantId);
        Assert.True(ApiKeyGenerator.HasFormat(issued.Key));
        Assert.Equal(ApiKeys.Hash(issued.Key), issued.Settings.KeyHash);
        Assert.Equal(("ci", 120, 5000, true), (issued.Settings.Name, issued.Settings.RequestsPerMinute, issued.Settings.TokensPerMinute, issued.Settings.Admin));
        Assert.InRange(issued.Settings.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(id, await Client.GetApiKeyIndex(issued.Key).GetTenant());

        await fixture.Cluster.Cluster.DeactivateAsync(tenant);
        var stored = Assert.Single((await tenant.GetSettings()).ApiKeys);
        Assert.Equal(issued.Settings, stored); // every new member survives storage
        Assert.DoesNotContain(issued.Key, stored.ToString());

        var authorization = await tenant.AuthorizeKeyWithLimits(stored.KeyHash);
        Assert.NotNull(authorization);
        Assert.Equal((id, stored.Id, "ci", true, true), (authorization.TenantId, authorization.KeyId, authorization.KeyName, authorization.Admin, authorization.Admitted));
        Assert.Equal(new RateLimitState(120, 119, TimeSpan.FromMilliseconds(500)), authorization.Requests);
        Assert.Equal(5000, authorization.Tokens!.Limit);
    }

    [Fact]
    public async Task A_revoked_key_authenticates_nothing_from_the_next_request_on()
    {
        var id = TestTenants.UniqueId();
        var tenant = Client.GetGrain<ITenantGrain>(id);
        await tenant.Create(TestTenants.Settings(10m));
        var kept = await tenant.IssueKey(new ApiKeyRequest("kept"));
        var revoked = await tenant.IssueKey(new ApiKeyRequest("revoked"));
        Assert.NotNull(await tenant.AuthorizeKeyWithLimits(revoked.Settings.KeyHash));

        Assert.Equal(revoked.Settings, await tenant.RevokeKey(revoked.Settings.Id));

        Assert.Null(await tenant.AuthorizeKeyWithLimits(revoked.Settings.KeyHash));
        Assert.Null(await Client.GetApiKeyIndex(revoked.Key).GetTenant());
        Assert.Null(await Client.AuthenticateAsync(revoked.Key));
        Assert.Equal(id, await Client.AuthenticateAsync(kept.Key));
        Assert.Equal([kept.Settings], (await tenant.GetSettings()).ApiKeys.ToArray());
        Assert.Null(await tenant.RevokeKey(revoked.Settings.Id)); // a second revoke changes nothing
        Assert.Null(await tenant.RevokeKey("not-an-id"));
    }

    [Fact]
    public async Task A_bad_key_request_is_refused_and_changes_nothing()
    {
        var tenant = Client.GetGrain<ITenantGrain>(TestTenants.UniqueId());
        await Assert.ThrowsAsync<TenantNotConfiguredException>(() => tenant.IssueKey(new ApiKeyRequest("early")));
        await tenant.Create(TestTenants.Settings(10m));
        var before = await tenant.GetSettings();

        await Assert.ThrowsAsync<ArgumentException>(() => tenant.IssueKey(new ApiKeyRequest("", 60)));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.IssueKey(new ApiKeyRequest("zero", 0)));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.IssueKey(new ApiKeyRequest("tokens", 60, 0)));
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.AuthorizeKeyWithLimits("not-a-hash"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => tenant.RecordTokens(ApiKeys.Hash(TestTenants.NewApiKey()), -1));

        Assert.Equal(before, await tenant.GetSettings());
    }

    [Fact]
    public async Task Create_refuses_an_existing_tenant_and_change_keeps_the_keys()
    {
        var id = TestTenants.UniqueId();
        var tenant = Client.GetGrain<ITenantGrain>(id);
        await tenant.Create(TestTenants.Settings(10m));
        var key = await tenant.IssueKey(new ApiKeyRequest("k"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tenant.Create(TestTenants.Settings(99m)));
        Assert.Contains("already exists", error.Message);
        Assert.Equal(10m, (await tenant.GetSettings()).Budget);

        var changed = await tenant.Change(new TenantChanges(Budget: 20m, Period: BudgetPeriod.Monthly));
        Assert.Equal((20m, BudgetPeriod.Monthly), (changed.Budget, changed.Period));
        Assert.Equal([key.Settings], changed.ApiKeys.ToArray());
        await Assert.ThrowsAsync<ArgumentException>(() => tenant.Change(new TenantChanges(QualityTarget: 2)));
        Assert.Equal(changed, await tenant.GetSettings());
        await Assert.ThrowsAsync<TenantNotConfiguredException>(() => Client.GetGrain<ITenantGrain>(TestTenants.UniqueId()).Change(new TenantChanges(Budget: 1m)));
    }

    [Fact]
    public async Task Every_configured_tenant_is_in_the_directory()
    {
        var created = TestTenants.UniqueId("dir");
        var configured = TestTenants.UniqueId("dir");
        await Client.GetGrain<ITenantGrain>(created).Create(TestTenants.Settings(1m));
        await Client.GetGrain<ITenantGrain>(configured).Configure(TestTenants.Settings(1m));
        await Client.GetGrain<ITenantGrain>(configured).Configure(TestTenants.Settings(2m));
        var refused = TestTenants.UniqueId("dir");
        await Assert.ThrowsAsync<ArgumentException>(() => Client.GetGrain<ITenantGrain>(refused).Create(TestTenants.Settings(0m)));

        var directory = Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Cluster);
        var ids = await directory.List();
        Assert.Contains(created, ids);
        Assert.Single(ids, configured);
        Assert.DoesNotContain(refused, ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        await Assert.ThrowsAsync<ArgumentException>(() => directory.Add("has space"));
    }

    [Fact]
    public async Task A_key_s_limit_is_one_bucket_across_silos()
    {
        var id = TestTenants.UniqueId();
        await Client.GetGrain<ITenantGrain>(id).Create(TestTenants.Settings(10m));
        var key = await Client.GetGrain<ITenantGrain>(id).IssueKey(new ApiKeyRequest("shared", RequestsPerMinute: 4));
        // Two gateways' view: the same tenant grain called from two different silos.
        var callers = fixture.Cluster.Cluster.Silos.Take(2).Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(id)).ToList();

        var answers = new List<KeyAuthorization>();
        for (var i = 0; i < 3; i++)
        foreach (var caller in callers)
            answers.Add((await caller.AuthorizeKeyWithLimits(key.Settings.KeyHash))!);

        Assert.Equal(4, answers.Count(a => a.Admitted));
        Assert.All(answers.Skip(4), a => Assert.False(a.Admitted));
        Assert.All(answers.Skip(4), a => Assert.InRange(a.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15)));
        Assert.Equal([3L, 2, 1, 0], answers.Take(4).Select(a => a.Requests.Remaining));
    }

    [Fact]
    public async Task Tokens_recorded_from_any_silo_hold_the_key_until_its_token_bucket_refills()
    {
        var id = TestTenants.UniqueId();
        var tenant = Client.GetGrain<ITenantGrain>(id);
        await tenant.Create(TestTenants.Settings(10m));
        var limited = await tenant.IssueKey(new ApiKeyRequest("tpm", 100, TokensPerMinute: 600));
        var unlimited = await tenant.IssueKey(new ApiKeyRequest("no tpm", 100));
        var otherSilo = fixture.Cluster.Cluster.Silos[1].ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(id);

        Assert.True((await tenant.AuthorizeKeyWithLimits(limited.Settings.KeyHash))!.Admitted);
        await otherSilo.RecordTokens(limited.Settings.KeyHash, 1200);
        await otherSilo.RecordTokens(unlimited.Settings.KeyHash, 1_000_000);
        await otherSilo.RecordTokens(ApiKeys.Hash(TestTenants.NewApiKey()), 50); // not the tenant's: ignored

        var refused = (await tenant.AuthorizeKeyWithLimits(limited.Settings.KeyHash))!;
        Assert.False(refused.Admitted);
        Assert.Equal(0, refused.Tokens!.Remaining);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(61)); // 601 tokens at 10 a second
        Assert.InRange(refused.Requests.Remaining, 99, 100); // the refusal took no request (98 if it had)
        Assert.True((await tenant.AuthorizeKeyWithLimits(unlimited.Settings.KeyHash))!.Admitted);
    }
}
