using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// The cluster's list of configured routers (key: <see cref="RouterDirectoryKeys.Cluster"/>): router layers add
/// themselves when configured, so the HTTP API can list models and find which router holds an expert.
/// </summary>
[Alias("moecraft.IRouterDirectoryGrain")]
public interface IRouterDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Records a configured router; adding a known one is a no-op.</summary>
    [Alias("Add")]
    Task Add(string routerId);

    /// <summary>The known routers, in ordinal order.</summary>
    [Alias("GetRouters")]
    Task<ImmutableArray<string>> GetRouters();
}
