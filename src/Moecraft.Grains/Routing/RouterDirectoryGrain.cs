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
        var routers = state.State.Routers;
        var at = routers.BinarySearch(routerId, StringComparer.Ordinal);
        if (at >= 0) return;
        routers.Insert(~at, routerId);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Keep the activation equal to what is stored: the caller sees the failure and may add again.
            routers.Remove(routerId);
            throw;
        }
    }

    public Task<ImmutableArray<string>> GetRouters() => Task.FromResult(state.State.Routers.ToImmutableArray());
}
