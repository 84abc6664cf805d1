namespace Moecraft.Tenants;

/// <summary>The owner of one API key hash (key: the hash). Holds no key, only which tenant it maps to.</summary>
[GrainType("api-key")]
public sealed class ApiKeyIndexGrain(
    [PersistentState("api-key", MoecraftStorage.Name)] IPersistentState<ApiKeyIndexState> state) : Grain, IApiKeyIndexGrain
{
    public Task<string?> GetTenant() => Task.FromResult(state.State.TenantId);

    public async Task Assign(string tenantId)
    {
        TenantIds.Validate(tenantId);
        RequireHashKey();
        if (state.State.TenantId == tenantId) return;
        if (state.State.TenantId is not null)
            throw new InvalidOperationException($"API key {this.GetPrimaryKeyString()[..8]}... already belongs to another tenant.");
        state.State.TenantId = tenantId;
        await WriteOrRevertAsync(previous: null);
    }

    public async Task Unassign(string tenantId)
    {
        TenantIds.Validate(tenantId);
        if (state.State.TenantId != tenantId) return;
        state.State.TenantId = null;
        await WriteOrRevertAsync(previous: tenantId);
    }

    private void RequireHashKey()
    {
        if (!ApiKeys.IsHash(this.GetPrimaryKeyString()))
            throw new ArgumentException("The API key index is keyed by the key's SHA-256 hash (ApiKeys.Hash), never by the key itself.");
    }

    private async Task WriteOrRevertAsync(string? previous)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.TenantId = previous;
            throw;
        }
    }
}
