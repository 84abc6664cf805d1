namespace Moecraft.Cluster;

/// <summary>Names the default router that a fresh single-node silo seeds with simulated experts.</summary>
public static class ClusterSeed
{
    public const string DefaultRouterId = "default";
}
