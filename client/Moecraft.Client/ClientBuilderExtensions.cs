using System.Net;
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

        if (options.Mode == ClusterConnectionMode.Localhost)
        {
            client.UseStaticClustering(options.GatewayPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p)).ToArray());
            return client;
        }

        client.Services.AddSingleton(Options.Create(options));
        client.Services.AddSingleton<IGatewayListProvider, PostgresGatewayListProvider>();
        return client;
    }
}
