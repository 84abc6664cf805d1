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
                var id = parseResult.GetRequiredValue(governance);
                var before = (await client.GetGovernanceAsync(id).WaitAsync(ct)).Halt;
                await client.ResumeAsync(parseResult.GetValue(actor), id).WaitAsync(ct);
                Terminal.Out.MarkupLine(Markup.Escape(HaltReport.Resumed(before)));
                return ExitCodes.Success;
            }));
        return command;
    }
}
