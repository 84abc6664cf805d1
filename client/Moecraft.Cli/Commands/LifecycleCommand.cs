using System.CommandLine;
using System.Globalization;
using Moecraft.Client;
using Moecraft.Lifecycle;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary><c>moecraft lifecycle</c>: a router's recorded lifecycle decisions; <c>--apply ID</c> executes a proposed one.</summary>
internal static class LifecycleCommand
{
    public static Command Create()
    {
        var router = RouterOption.Create();
        var apply = new Option<long?>("--apply") { Description = "Execute the proposed decision with this id (starts a new epoch).", HelpName = "id" }
            .InRange(0L, long.MaxValue);
        var last = new Option<int>("--last") { Description = "How many of the most recent decisions to show.", HelpName = "N", DefaultValueFactory = _ => 20 }
            .InRange(1, int.MaxValue);
        var actor = ActorOption.Create();
        var command = new Command("lifecycle", "Show a router's lifecycle decisions (prune, merge, split, spawn), or apply a proposed one.")
        {
            router, apply, last, actor,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            (client, _, _) => RunAsync(
                client, parseResult.GetRequiredValue(router), parseResult.GetValue(apply), parseResult.GetValue(last), parseResult.GetValue(actor))));
        return command;
    }

    private static async Task<int> RunAsync(MoecraftClient client, string routerId, long? apply, int last, string? actor)
    {
        var console = Terminal.Out;
        if (apply is { } id)
        {
            var applied = await client.ApplyLifecycleDecisionAsync(id, routerId, actor);
            console.MarkupLine(Markup.Escape($"Applied decision {applied.Id}: {applied.Summary}"));
            return ExitCodes.Success;
        }

        var decisions = await client.GetLifecycleDecisionsAsync(routerId);
        var table = new Table().Title($"Router {Markup.Escape(routerId)}: lifecycle decisions (dry run unless applied)")
            .AddColumns("Id", "Step", "Epoch", "F before", "Status", "Decision");
        foreach (var d in decisions.TakeLast(last))
        {
            table.AddRow(
                d.Id.ToString(CultureInfo.InvariantCulture),
                Formatting.Count(d.Step),
                d.Epoch.ToString(CultureInfo.InvariantCulture),
                d.Before.Value.ToString("0.0000", CultureInfo.InvariantCulture),
                d.Status == LifecycleDecisionStatus.Proposed ? "[yellow]proposed[/]" : d.Status.ToString().ToLowerInvariant(),
                Markup.Escape(d.Summary));
        }
        console.Write(table);
        if (decisions.Count == 0) console.MarkupLine("No decisions yet: the router evaluates its lifecycle every few observed steps.");
        return ExitCodes.Success;
    }
}
