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
        await SortedIds.AddAsync(state.State.TenantIds, tenantId, state.WriteStateAsync);
    }

    public Task<ImmutableArray<string>> List() => Task.FromResult(state.State.TenantIds.ToImmutableArray());
}
