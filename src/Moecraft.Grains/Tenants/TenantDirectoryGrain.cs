using System.Collections.Immutable;

namespace Moecraft.Tenants;

/// <summary>The ids of every configured tenant (key: <see cref="ITenantDirectoryGrain.Cluster"/>), written once per new tenant.</summary>
[GrainType("tenant-directory")]
public sealed class TenantDirectoryGrain(
    [PersistentState("tenant-directory", MoecraftStorage.Name)] IPersistentState<TenantDirectoryState> state) : Grain, ITenantDirectoryGrain
{
    public async Task Add(string tenantId)
    {
        TenantIds.Validate(tenantId);
        var ids = state.State.TenantIds;
        var index = ids.BinarySearch(tenantId, StringComparer.Ordinal);
        if (index >= 0) return;
        ids.Insert(~index, tenantId);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            ids.Remove(tenantId);
            throw;
        }
    }

    public Task<ImmutableArray<string>> List() => Task.FromResult(state.State.TenantIds.ToImmutableArray());
}
