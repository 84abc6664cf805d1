using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace Moecraft.Client;

/// <summary>Points an Orleans client at a Moecraft cluster.</summary>
public static class ClientBuilderExtensions
{
    public static IClientBuilder UseMoecraftCluster(this IClientBuilder client, MoecraftClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Carries the caller's trace context into grain calls, so a client span parents the silo's spans.
        client.AddActivityPropagation();
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = options.GatewayListRefreshPeriod);
        client.Services.AddSingleton(new FailoverRetry(options.RetryWindow, TimeProvider.System));

        if (options.Mode == ClusterConnectionMode.Localhost)
        {
            client.Services.Configure<StaticGatewayListProviderOptions>(o =>
                o.Gateways = [.. options.GatewayPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p).ToGatewayUri())]);
            client.Services.AddSingleton<StaticGatewayListProvider>();
            UseOneGatewayAtATime<StaticGatewayListProvider>(client);
            return client;
        }

        client.Services.AddSingleton(Options.Create(options));
        client.Services.AddSingleton<PostgresGatewayListProvider>();
        UseOneGatewayAtATime<PostgresGatewayListProvider>(client);
        return client;
    }

    /// <summary>
    /// The client sends through one gateway of <typeparamref name="TClusterGateways"/>' list at a time and fails the calls in
    /// flight as soon as that gateway is lost (see <see cref="GatewayAffinity"/>).
    /// </summary>
    private static void UseOneGatewayAtATime<TClusterGateways>(IClientBuilder client)
        where TClusterGateways : IGatewayListProvider
    {
        client.Services.AddSingleton(services => new GatewayAffinity(TimeProvider.System));
        client.Services.AddSingleton<IGatewayListProvider>(services => new SingleGatewayListProvider(
            services.GetRequiredService<TClusterGateways>(), services.GetRequiredService<GatewayAffinity>()));
        client.Services.AddOptions<ClientConnectionOptions>().Configure<GatewayAffinity>((o, affinity) =>
            o.ConfigureConnection(connection => connection.Use(next => async context =>
            {
                try
                {
                    await next(context);
                }
                finally
                {
                    affinity.OnConnectionClosed(context.RemoteEndPoint);
                }
            })));
        client.AddOutgoingGrainCallFilter<GatewayLossCallFilter>();
    }
}
