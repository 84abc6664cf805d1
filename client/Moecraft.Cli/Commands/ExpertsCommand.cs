using System.CommandLine;
using Moecraft.Client;
using Moecraft.Experts;
using Moecraft.Routing;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary><c>moecraft experts</c>: every expert on a router's roster with its price and counters.</summary>
internal static class ExpertsCommand
{
    public static Command Create()
    {
        var router = RouterOption.Create();
        var command = new Command("experts", "List the experts on a router's roster with prices, status and usage.") { router };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            (client, _, _) => RunAsync(client, parseResult.GetRequiredValue(router))));
        return command;
    }

    private static async Task<int> RunAsync(MoecraftClient client, string routerId)
    {
        var experts = await client.ListExpertsAsync(routerId);
        var console = Terminal.Out;
        if (experts.Count == 0)
        {
            console.MarkupLine($"Router {Markup.Escape(routerId)} has no experts on its roster.");
            return ExitCodes.Success;
        }

        console.Write(ExpertTable(routerId, experts));
        return ExitCodes.Success;
    }

    private static Table ExpertTable(string routerId, IReadOnlyList<(RosterSlot Slot, ExpertSnapshot Expert)> experts)
    {
        var table = new Table()
            .Title($"Router {Markup.Escape(routerId)}: {experts.Count} experts")
            .AddColumns("Slot", "Expert", "Backend", "Model", "Tier", "In /1M", "Out /1M", "Status",
                "Calls", "Failures", "Tokens in", "Tokens out", "Cost", "Mean latency");
        foreach (var index in new[] { 0, 5, 6, 8, 9, 10, 11, 12, 13 }) table.Columns[index].RightAligned();

        foreach (var (slot, expert) in experts.OrderBy(e => e.Slot.Slot))
        {
            var definition = expert.Definition;
            var counters = expert.Counters;
            table.AddRow(
                Formatting.Count(slot.Slot),
                Markup.Escape(definition.Id),
                definition.IsSimulated ? "[grey]simulated[/]" : Markup.Escape(definition.Backend.ToString().ToLowerInvariant()),
                Markup.Escape(definition.Model),
                definition.Tier.ToString().ToLowerInvariant(),
                Formatting.Price(definition.Pricing.InputPerMillion),
                Formatting.Price(definition.Pricing.OutputPerMillion),
                StatusMarkup(expert.Status, slot.Active),
                Formatting.Count(counters.Invocations),
                Formatting.Count(counters.Failures),
                Formatting.Count(counters.InputTokens),
                Formatting.Count(counters.OutputTokens),
                Formatting.Cost(counters.Cost),
                counters.Invocations == 0 ? "-" : Formatting.Milliseconds((double)counters.TotalLatencyMs / counters.Invocations));
        }

        var totals = experts.Select(e => e.Expert.Counters).Aggregate(ExpertCounters.Zero, (sum, c) => sum with
        {
            Invocations = sum.Invocations + c.Invocations,
            Failures = sum.Failures + c.Failures,
            InputTokens = sum.InputTokens + c.InputTokens,
            OutputTokens = sum.OutputTokens + c.OutputTokens,
            Cost = sum.Cost + c.Cost,
            TotalLatencyMs = sum.TotalLatencyMs + c.TotalLatencyMs,
        });
        // Totals go in the footer so they line up with the columns they add up.
        table.ShowFooters = true;
        table.Columns[1].Footer("[bold]total[/]");
        table.Columns[8].Footer(Formatting.Count(totals.Invocations));
        table.Columns[9].Footer(Formatting.Count(totals.Failures));
        table.Columns[10].Footer(Formatting.Count(totals.InputTokens));
        table.Columns[11].Footer(Formatting.Count(totals.OutputTokens));
        table.Columns[12].Footer(Formatting.Cost(totals.Cost));
        table.Columns[13].Footer(totals.Invocations == 0 ? "-" : Formatting.Milliseconds((double)totals.TotalLatencyMs / totals.Invocations));
        return table;
    }

    // A masked slot gets no routing even when the expert itself is active, so say both.
    private static string StatusMarkup(ExpertStatus status, bool slotActive)
    {
        var text = status.ToString().ToLowerInvariant();
        var colored = status switch
        {
            ExpertStatus.Active => $"[green]{text}[/]",
            ExpertStatus.Cooling => $"[yellow]{text}[/]",
            _ => $"[grey]{text}[/]",
        };
        return slotActive ? colored : colored + " [grey](slot masked)[/]";
    }
}
