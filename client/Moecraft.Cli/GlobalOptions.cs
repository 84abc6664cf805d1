using System.CommandLine;

namespace Moecraft.Cli;

/// <summary>Options that say where the cluster is; accepted before or after any command.</summary>
internal static class GlobalOptions
{
    public static Option<int[]> GatewayPort { get; } = new("--gateway-port")
    {
        Description = $"Gateway port of a local silo; repeat the option or give a comma list for several. "
            + $"Default: ${CliConnection.GatewayPortVariable}, else {CliConnection.DefaultGatewayPort}.",
        HelpName = "port[,port...]",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            if (GatewayPortList.TryParse(result.Tokens.Select(t => t.Value), out var ports, out var error)) return ports;
            result.AddError(error!);
            return [];
        },
    };

    public static Option<string> ConnectionString { get; } = new("--connection-string")
    {
        Description = $"PostgreSQL connection string of a cluster's membership table; switches to ADO.NET mode. "
            + $"Default: ${CliConnection.ConnectionStringVariable}.",
        HelpName = "connection-string",
        Recursive = true,
    };

    public static Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "Orleans cluster id of the silos.",
        Recursive = true,
        DefaultValueFactory = _ => CliConnection.DefaultClusterId,
    };

    public static Option<string> ServiceId { get; } = new("--service-id")
    {
        Description = "Orleans service id of the silos.",
        Recursive = true,
        DefaultValueFactory = _ => CliConnection.DefaultServiceId,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(GatewayPort);
        root.Options.Add(ConnectionString);
        root.Options.Add(ClusterId);
        root.Options.Add(ServiceId);
    }
}
