using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>The cluster's configured routers, persisted; written once per router, read by each silo's API catalog every few seconds.</summary>
[GrainType("router-directory")]
public sealed class RouterDirectoryGrain(
    [PersistentState("router-directory", MoecraftStorage.Name)] IPersistentState<RouterDirectoryState> state) : Grain, IRouterDirectoryGrain
{
    public async Task Add(string routerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routerId);
        await SortedIds.AddAsync(state.State.Routers, routerId, state.WriteStateAsync);
    }

    public Task<ImmutableArray<string>> GetRouters() => Task.FromResult(state.State.Routers.ToImmutableArray());
}
