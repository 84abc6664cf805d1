using System.CommandLine;
using Moecraft.Client;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary><c>moecraft halt --reason "..."</c>: the kill switch; returns once every silo refuses new work.</summary>
internal static class HaltCommand
{
    public static Command Create()
    {
        var reason = new Option<string>("--reason") { Description = "Why the cluster is halted (recorded and shown to refused callers).", HelpName = "text", Required = true };
        reason.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("--reason must not be empty.");
        });
        var actor = ActorOption.Create();
        var governance = GovernanceOption.Create();
        var command = new Command("halt", "Stop every router from starting new work, until 'moecraft resume'. Survives restarts.")
        {
            reason, actor, governance,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var halt = await client.HaltAsync(parseResult.GetRequiredValue(reason), parseResult.GetValue(actor), parseResult.GetRequiredValue(governance)).WaitAsync(ct);
                Terminal.Out.MarkupLine(Markup.Escape(
                    $"Halted since {Formatting.UtcTime(halt.Since!.Value.UtcDateTime)} by {halt.Actor}: {halt.Reason}. Every router refuses new work."));
                return ExitCodes.Success;
            }));
        return command;
    }
}
