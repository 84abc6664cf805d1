using System.CommandLine;
using Moecraft.Client;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary><c>moecraft halt --reason "..."</c>: the kill switch; returns once every silo refuses new work.</summary>
internal static class HaltCommand
{
    public static Command Create()
    {
        var reason = new Option<string>("--reason") { Description = "Why the cluster is halted (recorded and shown to refused callers).", HelpName = "text", Required = true }
            .NotBlank();
        var actor = ActorOption.Create();
        var governance = GovernanceOption.Create();
        var command = new Command("halt", "Stop every router from starting new work, until 'moecraft resume'. Survives restarts.")
        {
            reason, actor, governance,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var id = parseResult.GetRequiredValue(governance);
                var text = parseResult.GetRequiredValue(reason);
                var who = parseResult.GetValue(actor) ?? MoecraftClient.DefaultActor;
                var before = (await client.GetGovernanceAsync(id).WaitAsync(ct)).Halt;
                var after = await client.HaltAsync(text, who, id).WaitAsync(ct);
                Terminal.Out.MarkupLine(Markup.Escape(HaltReport.Halted(before, after, text, who)));
                return ExitCodes.Success;
            }));
        return command;
    }
}
