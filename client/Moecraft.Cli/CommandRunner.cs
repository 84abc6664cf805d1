using System.CommandLine;
using Moecraft.Client;

namespace Moecraft.Cli;

/// <summary>The shared shape of every cluster command: build options, connect, run, report failures as exit codes.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(
        ParseResult parseResult,
        CancellationToken cancellationToken,
        Func<MoecraftClient, MoecraftClientOptions, CancellationToken, Task<int>> command)
    {
        try
        {
            var options = CliConnection.BuildOptions(parseResult);
            await using var client = await CliConnection.ConnectAsync(options, cancellationToken);
            return await command(client, options, cancellationToken);
        }
        catch (Exception ex)
        {
            return CliErrors.Report(ex, cancellationToken);
        }
    }
}
