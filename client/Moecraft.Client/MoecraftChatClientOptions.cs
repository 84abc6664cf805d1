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

    /// <summary>
    /// The largest request sent, in bytes of text (<see cref="RequestSize"/>); a larger one is refused with
    /// <see cref="RequestTooLargeException"/> before it is sent. Null: 1 MiB, or the <see cref="MoecraftClient"/>'s limit
    /// for a chat client made by <see cref="MoecraftClient.AsChatClient"/>.
    /// </summary>
    public int? MaxRequestBytes { get; init; }
}
