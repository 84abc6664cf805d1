using System.Collections.Immutable;
using Moecraft.Tenants;

namespace Moecraft.Client;

// Tenants: their settings, API keys and budget usage.
public sealed partial class MoecraftClient
{
    /// <summary>Creates or changes a tenant: budget, period, quality target, policy, API keys (hashes only; see <see cref="ApiKeys.Hash"/>).</summary>
    public Task<TenantSettings> ConfigureTenantAsync(string tenantId, TenantSettings settings) => Tenant(tenantId).Configure(settings);

    /// <summary>Creates a tenant (no keys yet; issue them with <see cref="CreateApiKeyAsync"/>); throws <see cref="InvalidOperationException"/> when it exists.</summary>
    public Task<TenantSettings> CreateTenantAsync(string tenantId, TenantSettings settings) => Tenant(tenantId).Create(settings);

    /// <summary>Changes some of a tenant's settings (budget, period, quality target, policy); its keys stay as they are.</summary>
    public Task<TenantSettings> ChangeTenantAsync(string tenantId, TenantChanges changes) => Tenant(tenantId).Change(changes);

    public Task<TenantSettings> GetTenantAsync(string tenantId) => Read(Tenant(tenantId).GetSettings);

    /// <summary>Every configured tenant with its settings, in id order.</summary>
    public async Task<IReadOnlyList<(string Id, TenantSettings Settings)>> ListTenantsAsync()
    {
        var ids = await Read(() => Cluster.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Cluster).List());
        var settings = await Task.WhenAll(ids.Select(GetTenantAsync));
        return ids.Zip(settings).ToList();
    }

    /// <summary>Issues a key: the cluster generates it and keeps only its hash, so the returned key is shown this once.</summary>
    public Task<IssuedApiKey> CreateApiKeyAsync(string tenantId, ApiKeyRequest request) => Tenant(tenantId).IssueKey(request);

    /// <summary>A tenant's keys: id, name, created, limits, admin flag (hashes only, never keys).</summary>
    public async Task<ImmutableArray<ApiKeySettings>> ListApiKeysAsync(string tenantId) =>
        (await GetTenantAsync(tenantId)).ApiKeys;

    /// <summary>Revokes the key with public id <paramref name="keyId"/>; null when the tenant has no such key.</summary>
    public Task<ApiKeySettings?> RevokeApiKeyAsync(string tenantId, string keyId) => Tenant(tenantId).RevokeKey(keyId);

    /// <summary>The tenant's budget period: spent, reserved, remaining.</summary>
    public Task<TenantUsage> GetTenantUsageAsync(string tenantId) => Read(Tenant(tenantId).GetUsage);
}
