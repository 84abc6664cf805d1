namespace Moecraft.Routing;

/// <summary>The keys of <see cref="IRouterDirectoryGrain"/>.</summary>
public static class RouterDirectoryKeys
{
    /// <summary>The one directory of the cluster.</summary>
    public const string Cluster = "cluster";
}
