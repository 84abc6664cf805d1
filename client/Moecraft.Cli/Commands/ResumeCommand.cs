using System.CommandLine;
using Moecraft.Client;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary><c>moecraft resume</c>: lifts the kill switch.</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var actor = ActorOption.Create();
        var governance = GovernanceOption.Create();
        var command = new Command("resume", "Let routers start new work again after 'moecraft halt'.") { actor, governance };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                await client.ResumeAsync(parseResult.GetValue(actor), parseResult.GetRequiredValue(governance)).WaitAsync(ct);
                Terminal.Out.WriteLine("Resumed: routers accept new work.");
                return ExitCodes.Success;
            }));
        return command;
    }
}
