using Orleans.Messaging;

namespace Moecraft.Client;

/// <summary>
/// Hands Orleans one gateway of the cluster's list at a time, chosen by <see cref="GatewayAffinity"/>, so every call of
/// this client goes through the gateway whose loss the affinity watches.
/// </summary>
public sealed class SingleGatewayListProvider(IGatewayListProvider cluster, GatewayAffinity affinity) : IGatewayListProvider
{
    public TimeSpan MaxStaleness => cluster.MaxStaleness;

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => cluster.InitializeGatewayListProvider();

    public async Task<IList<Uri>> GetGateways() => affinity.Choose(await cluster.GetGateways());
}
