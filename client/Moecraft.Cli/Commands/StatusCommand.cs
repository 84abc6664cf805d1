using System.CommandLine;
using Moecraft.Client;
using Moecraft.Routing;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary><c>moecraft status</c>: the cluster's silos and the shape of a router.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var router = RouterOption.Create();
        var command = new Command("status", "Show the cluster's silos and the default router's shape.") { router };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            (client, options, _) => RunAsync(client, options, parseResult.GetRequiredValue(router))));
        return command;
    }

    private static async Task<int> RunAsync(MoecraftClient client, MoecraftClientOptions options, string routerId)
    {
        var silos = await client.GetSilosAsync();
        var console = Terminal.Out;
        console.MarkupLine($"Connected to {Markup.Escape(CliConnection.Describe(options))}");
        console.Write(SiloTable(silos));

        RouterSnapshot router;
        try
        {
            router = await client.GetRouterAsync(routerId);
        }
        catch (InvalidOperationException ex)
        {
            // The silos are up, so status itself succeeded; an unconfigured router is a fact to show, not a failure.
            console.MarkupLine($"[yellow]{Markup.Escape(ex.Message)}[/]");
            return ExitCodes.Success;
        }

        console.Write(RouterGrid(router));
        return ExitCodes.Success;
    }

    private static Table SiloTable(IReadOnlyList<SiloInfo> silos)
    {
        var table = new Table().Title("Silos").AddColumns("Name", "Address", "Status", "Started", "Up");
        var now = DateTime.UtcNow;
        foreach (var silo in silos.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var started = silo.StartTime.Kind == DateTimeKind.Local ? silo.StartTime.ToUniversalTime() : silo.StartTime;
            table.AddRow(
                Markup.Escape(silo.Name),
                Markup.Escape(silo.Address),
                silo.Status == "Active" ? "[green]Active[/]" : $"[yellow]{Markup.Escape(silo.Status)}[/]",
                Formatting.UtcTime(silo.StartTime),
                silo.Status == "Active" ? Formatting.Duration(now - started) : "-");
        }
        return table;
    }

    private static Table RouterGrid(RouterSnapshot router)
    {
        var configuration = router.Configuration;
        var table = new Table().Title($"Router {Markup.Escape(router.RouterId)}").HideHeaders().AddColumns("Property", "Value");
        table.Columns[1].RightAligned();
        table.AddRow("width (slots)", Formatting.Count(configuration.Width));
        table.AddRow("input dimension d", Formatting.Count(configuration.InputDimension));
        table.AddRow("top-k", Formatting.Count(configuration.TopK));
        table.AddRow("temperature", configuration.Temperature.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("epoch", Formatting.Count(router.Epoch));
        table.AddRow("routed units", Formatting.Count(router.RoutedUnits));
        table.AddRow("active experts", $"{router.ActiveCount} of {router.Slots.Length} on the roster");
        return table;
    }
}
