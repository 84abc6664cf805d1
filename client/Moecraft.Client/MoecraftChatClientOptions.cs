using Moecraft.Cluster;
using Moecraft.Routing;

namespace Moecraft.Client;

/// <summary>Which router, tenant and policy a <see cref="MoecraftChatClient"/> sends its requests through.</summary>
public sealed record MoecraftChatClientOptions
{
    public string RouterId { get; init; } = ClusterSeed.DefaultRouterId;

    /// <summary>The tenant charged; null: the router's open path (no budget, no cache, no ledger).</summary>
    public string? TenantId { get; init; }

    /// <summary>Overrides the tenant's policy; null keeps it.</summary>
    public RoutingPolicy? Policy { get; init; }

    /// <summary>How many experts answer each request (k).</summary>
    public int Experts { get; init; } = 1;
}
