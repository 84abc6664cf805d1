using System.CommandLine;
using Moecraft.Client;
using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Moecraft.Cli;

/// <summary>Turns the global options (and their environment fallbacks) into client options, and connects.</summary>
internal static class CliConnection
{
    public const string GatewayPortVariable = "MOECRAFT_GATEWAY_PORT";
    public const string ConnectionStringVariable = "MOECRAFT_CONNECTION_STRING";
    public const int DefaultGatewayPort = 30000;
    public const string DefaultClusterId = "moecraft";
    public const string DefaultServiceId = "moecraft";

    // Long enough for a cluster that is still starting, short enough that a missing silo is reported promptly.
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private const string StartHint = "Start a silo with `dotnet run --project silo`, or point --gateway-port / --connection-string at a running one.";

    /// <summary>
    /// Command-line values win over environment variables. A connection string selects ADO.NET mode unless a
    /// gateway port is given on the command line; giving both on the command line is a usage error.
    /// </summary>
    public static MoecraftClientOptions BuildOptions(ParseResult result)
    {
        var explicitPorts = result.GetResult(GlobalOptions.GatewayPort) is { Implicit: false } ? result.GetValue(GlobalOptions.GatewayPort) : null;
        var explicitConnectionString = result.GetValue(GlobalOptions.ConnectionString);
        if (explicitPorts is not null && explicitConnectionString is not null)
            throw UsageErrors.Because("Give either --gateway-port or --connection-string, not both.");

        var options = new MoecraftClientOptions
        {
            ClusterId = result.GetValue(GlobalOptions.ClusterId) ?? DefaultClusterId,
            ServiceId = result.GetValue(GlobalOptions.ServiceId) ?? DefaultServiceId,
        };

        var connectionString = explicitPorts is null
            ? explicitConnectionString ?? NonEmpty(Environment.GetEnvironmentVariable(ConnectionStringVariable))
            : null;
        if (connectionString is not null)
        {
            options.Mode = ClusterConnectionMode.AdoNet;
            options.ConnectionString = connectionString;
        }
        else
        {
            options.Mode = ClusterConnectionMode.Localhost;
            options.GatewayPorts = explicitPorts ?? PortsFromEnvironment() ?? [DefaultGatewayPort];
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw UsageErrors.Because(CliErrors.WithoutParameterName(ex.Message));
        }
        return options;
    }

    /// <summary>Connects within <see cref="ConnectTimeout"/>; every failure becomes one sentence with exit code 3.</summary>
    public static async Task<MoecraftClient> ConnectAsync(MoecraftClientOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            return await MoecraftClient.ConnectAsync(options, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unreachable,
                $"Timed out after {ConnectTimeout.TotalSeconds:0} s connecting to {Describe(options)}. {StartHint}");
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            throw new CliException(ExitCodes.Unreachable, $"Cannot connect to {Describe(options)}: {Reason(ex)} {StartHint}", ex);
        }
    }

    /// <summary>Where the client looks for the cluster, in words.</summary>
    public static string Describe(MoecraftClientOptions options) => options.Mode == ClusterConnectionMode.Localhost
        ? $"the silo gateway at {string.Join(", ", options.GatewayPorts.Select(p => $"127.0.0.1:{p}"))} (cluster '{options.ClusterId}')"
        : $"cluster '{options.ClusterId}' through its PostgreSQL membership table";

    /// <summary>Failures that mean the cluster is not there (or went away), as opposed to a request it rejected.</summary>
    public static bool IsConnectionFailure(Exception ex) => ex is ConnectionFailedException
        or SiloUnavailableException
        or GatewayTooBusyException
        or OrleansMessageRejectionException
        or ClientNotAvailableException
        or NpgsqlException
        or System.Net.Sockets.SocketException
        || (ex is OrleansException && ex.InnerException is { } inner && IsConnectionFailure(inner));

    private static string Reason(Exception ex)
    {
        var message = (ex.InnerException is { } inner && ex is OrleansException ? inner : ex).Message.Trim();
        return message.EndsWith('.') ? message : message + ".";
    }

    private static int[]? PortsFromEnvironment()
    {
        var value = NonEmpty(Environment.GetEnvironmentVariable(GatewayPortVariable));
        if (value is null) return null;
        return GatewayPortList.TryParse([value], out var ports, out var error)
            ? ports
            : throw UsageErrors.Because($"{GatewayPortVariable}: {error}");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
