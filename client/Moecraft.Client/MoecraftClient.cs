using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moecraft.Experts;
using Moecraft.Federation;
using Moecraft.Governance;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Client;

/// <summary>
/// Typed access to a Moecraft cluster: register experts, route vectors, ask prompts, read state.
/// Create one with <see cref="ConnectAsync"/>, or wrap an <see cref="IClusterClient"/> from your own host.
/// </summary>
/// <remarks>
/// Bad input is refused here, before anything is sent: ids that are not well-formed text (<see cref="Identifiers"/>: a lone
/// surrogate would name another grain, a NUL cannot be stored) with <see cref="ArgumentException"/>, a request over
/// <see cref="MaxRequestBytes"/> with <see cref="RequestTooLargeException"/>; the connection stays as it was for other calls.
/// </remarks>
public sealed partial class MoecraftClient(IClusterClient cluster) : IAsyncDisposable
{
    // One class for callers, one file per area: MoecraftClient.Experts.cs, .Routing.cs, .Asking.cs, .Tenants.cs,
    // .Ledger.cs, .Governance.cs, .Audit.cs, .Nodes.cs and .Federation.cs. This file holds what they share: the
    // connection, the retry every read goes through, and the checked grain references.

    private IHost? _ownedHost;
    private readonly int _maxRequestBytes = RequestSize.DefaultMaxBytes;

    private readonly FailoverRetry _retry = cluster.ServiceProvider.GetService<FailoverRetry>() ?? FailoverRetry.Default;

    public IClusterClient Cluster { get; } = cluster;

    /// <summary>The largest request this client sends (<see cref="MoecraftClientOptions.MaxRequestBytes"/>; 1 MiB by default).</summary>
    public int MaxRequestBytes
    {
        get => _maxRequestBytes;
        init => _maxRequestBytes = MoecraftClientOptions.RequireRequestLimit(value, nameof(MaxRequestBytes));
    }

    /// <summary>
    /// The gateway this client sends through now: one at a time, so a lost gateway fails only the calls it carried, at once.
    /// Null between losing a gateway and choosing the next, and for a cluster client not built with
    /// <see cref="ClientBuilderExtensions.UseMoecraftCluster"/>.
    /// </summary>
    public IPEndPoint? Gateway => Cluster.ServiceProvider.GetService<GatewayAffinity>()?.Current;

    /// <summary>Starts an Orleans client host connected to the cluster and returns a client that owns it.</summary>
    public static async Task<MoecraftClient> ConnectAsync(MoecraftClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseMoecraftCluster(options));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new MoecraftClient(host.Services.GetRequiredService<IClusterClient>()) { _ownedHost = host, MaxRequestBytes = options.MaxRequestBytes };
    }

    /// <summary>Who this process acts as when a governance call names nobody: user@machine.</summary>
    public static string DefaultActor => $"{Environment.UserName}@{Environment.MachineName}";

    public async ValueTask DisposeAsync()
    {
        if (_ownedHost is null) return;
        await _ownedHost.StopAsync();
        _ownedHost.Dispose();
    }

    // A read is safe to send again: while a dead silo is replaced, it is (see FailoverRetry).
    private Task<T> Read<T>(Func<Task<T>> read) => _retry.ReadAsync(read);

    // Every grain reference is made through a checked id: a malformed one never leaves this process.
    private IRouterLayerGrain Router(string routerId) => Cluster.GetGrain<IRouterLayerGrain>(RouterIds.Validate(routerId, nameof(routerId)));

    private IChatRouterGrain ChatRouter(string routerId) => Cluster.GetGrain<IChatRouterGrain>(RouterIds.Validate(routerId, nameof(routerId)));

    private IKeeperOperatorGrain Keeper(string routerId, KeeperClock clock) =>
        Cluster.GetGrain<IKeeperOperatorGrain>(KeeperClocks.Key(RouterIds.Validate(routerId, nameof(routerId)), clock));

    private IExpertGrain Expert(string expertId) => Cluster.GetGrain<IExpertGrain>(ExpertIds.Validate(expertId, nameof(expertId)));

    private ITenantGrain Tenant(string tenantId) => Cluster.GetGrain<ITenantGrain>(TenantIds.Validate(tenantId, nameof(tenantId)));

    private IGovernanceGrain Governance(string governanceId)
    {
        GovernanceIds.Validate(governanceId, nameof(governanceId));
        return Cluster.GetGrain<IGovernanceGrain>(governanceId);
    }

    // Not checked here: a peer grain lives only on its node, so callers pass a node already found active.
    private IFederationPeerGrain Peer(string node) => Cluster.GetGrain<IFederationPeerGrain>(node);
}
