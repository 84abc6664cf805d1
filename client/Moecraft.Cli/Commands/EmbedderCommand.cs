using System.CommandLine;
using System.Globalization;
using Moecraft.Client;
using Moecraft.Routing;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary>
/// <c>moecraft embedder [--router id]</c>: the embedder a router's state was made with, beside the embedder of the node the
/// CLI reaches; <c>embedder migrate</c> moves the router to that node's embedder (an audited epoch boundary).
/// </summary>
internal static class EmbedderCommand
{
    public static Command Create()
    {
        var router = RouterOption.Create();
        var command = new Command("embedder", "Show the embedder a router was made with beside this node's; a node whose embedder differs refuses the router's requests.")
        {
            router, CreateMigrate(),
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var status = await client.GetEmbedderStatusAsync(parseResult.GetRequiredValue(router)).WaitAsync(ct);
                Show(status);
                return status.Compatible ? ExitCodes.Success : ExitCodes.Rejected;
            }));
        return command;
    }

    private static Command CreateMigrate()
    {
        var router = RouterOption.Create();
        var actor = ActorOption.Create();
        var command = new Command("migrate",
            "Move the router to this node's embedder: an audited epoch boundary; gate weights, predictor, centroids, scars, reflexes and cache entries start afresh, counters are kept.")
        {
            router, actor,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var who = parseResult.GetValue(actor) ?? MoecraftClient.DefaultActor;
                var report = await client.MigrateEmbedderAsync(parseResult.GetRequiredValue(router), who).WaitAsync(ct);
                var console = Terminal.Out;
                if (!report.Migrated)
                {
                    console.MarkupLine(Markup.Escape($"Router {report.RouterId} already uses {report.To}: nothing changed (epoch {report.Epoch})."));
                    return ExitCodes.Success;
                }
                console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"Router {report.RouterId} moved from {report.From} to {report.To} by {report.Actor}: epoch {report.Epoch} (audited by its keepers).")));
                console.MarkupLine(Markup.Escape("Started afresh: " + string.Join("; ", report.Reinitialised) + "."));
                console.MarkupLine(Markup.Escape("Kept: " + string.Join("; ", report.Kept) + "."));
                return ExitCodes.Success;
            }));
        return command;
    }

    private static void Show(EmbedderStatus status)
    {
        var console = Terminal.Out;
        var table = new Table().Title($"Router {Markup.Escape(status.RouterId)}: embedder").AddColumns("", "Embedder", "Dimension", "Since");
        var made = status.Router;
        table.AddRow("router", Markup.Escape(made.Embedder.Name + (made.Recorded ? "" : " (not recorded: taken as hashing)")),
            made.Embedder.Dimension.ToString(CultureInfo.InvariantCulture),
            made.SinceEpoch == 0 ? "configured" : $"epoch {made.SinceEpoch.ToString(CultureInfo.InvariantCulture)}");
        table.AddRow($"node {Markup.Escape(status.Node)}", Markup.Escape(status.NodeEmbedder.Name), status.NodeEmbedder.Dimension.ToString(CultureInfo.InvariantCulture), "");
        console.Write(table);
        console.MarkupLine(status.Mismatch is { } mismatch ? "[yellow]" + Markup.Escape(mismatch) + "[/]" : "The node serves this router: both embed alike.");
    }
}
