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

        ExpertTable(routerId, experts).Write(console, [.. experts.OrderBy(e => e.Slot.Slot)]);
        return ExitCodes.Success;
    }

    // On a narrow terminal the usage detail goes first (token counts, then model and slot, then prices and latency);
    // who the expert is, its status, tier, calls and cost always show.
    private static FittedTable<(RosterSlot Slot, ExpertSnapshot Expert)> ExpertTable(
        string routerId, IReadOnlyList<(RosterSlot Slot, ExpertSnapshot Expert)> experts)
    {
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
        return new FittedTable<(RosterSlot Slot, ExpertSnapshot Expert)> { Title = $"Router {routerId}: {experts.Count} experts" }
            .Column("Slot", e => Formatting.Count(e.Slot.Slot), leaveOut: 4, rightAligned: true)
            .Column("Expert", e => Markup.Escape(e.Expert.Definition.Id), footer: "[bold]total[/]")
            .Column("Backend", e => e.Expert.Definition.IsSimulated ? "[grey]simulated[/]" : Markup.Escape(e.Expert.Definition.Backend.ToString().ToLowerInvariant()), leaveOut: 2)
            .Column("Model", e => Markup.Escape(e.Expert.Definition.Model), leaveOut: 4)
            .Column("Tier", e => e.Expert.Definition.Tier.ToString().ToLowerInvariant(), leaveOut: 1)
            .Column("In /1M", e => Formatting.Price(e.Expert.Definition.Pricing.InputPerMillion), leaveOut: 3, rightAligned: true)
            .Column("Out /1M", e => Formatting.Price(e.Expert.Definition.Pricing.OutputPerMillion), leaveOut: 3, rightAligned: true)
            .Column("Status", e => StatusMarkup(e.Expert.Status, e.Slot.Active))
            .Column("Calls", e => Formatting.Count(e.Expert.Counters.Invocations), leaveOut: 1, rightAligned: true, footer: Formatting.Count(totals.Invocations))
            .Column("Failures", e => Formatting.Count(e.Expert.Counters.Failures), leaveOut: 2, rightAligned: true, footer: Formatting.Count(totals.Failures))
            .Column("Tokens in", e => Formatting.Count(e.Expert.Counters.InputTokens), leaveOut: 5, rightAligned: true, footer: Formatting.Count(totals.InputTokens))
            .Column("Tokens out", e => Formatting.Count(e.Expert.Counters.OutputTokens), leaveOut: 5, rightAligned: true, footer: Formatting.Count(totals.OutputTokens))
            .Column("Cost", e => Formatting.Cost(e.Expert.Counters.Cost), leaveOut: 1, rightAligned: true, footer: Formatting.Cost(totals.Cost))
            .Column("Mean latency", e => MeanLatency(e.Expert.Counters), leaveOut: 3, rightAligned: true, footer: MeanLatency(totals));
    }

    private static string MeanLatency(ExpertCounters counters) =>
        counters.Invocations == 0 ? "-" : Formatting.Milliseconds((double)counters.TotalLatencyMs / counters.Invocations);

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
