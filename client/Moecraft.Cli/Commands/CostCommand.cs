using System.CommandLine;
using Moecraft.Client;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary><c>moecraft cost</c>: a tenant's spend, savings and budget from the ledger, and its latest routing decisions.</summary>
internal static class CostCommand
{
    public static Command Create()
    {
        var tenant = TenantArguments.Tenant("Tenant id.", required: true);
        var days = new Option<int>("--days") { Description = "How many days back the ledger totals reach.", HelpName = "N", DefaultValueFactory = _ => 30 }
            .InRange(1, 3660);
        var history = new Option<int>("--history") { Description = "How many of the latest routing decisions to list (0: none).", HelpName = "N", DefaultValueFactory = _ => 10 }
            .InRange(0, 500);

        var command = new Command("cost", "Show a tenant's cost, savings against the premium baseline, budget and latest routing decisions.")
        {
            tenant, days, history,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            (client, _, ct) => RunAsync(client, parseResult.GetRequiredValue(tenant), parseResult.GetValue(days), parseResult.GetValue(history), ct)));
        return command;
    }

    private static async Task<int> RunAsync(MoecraftClient client, string tenantId, int days, int history, CancellationToken cancellationToken)
    {
        var console = Terminal.Out;
        var to = DateTimeOffset.UtcNow;
        var cost = await client.GetCostAsync(tenantId, to.AddDays(-days), to.AddSeconds(1)).WaitAsync(cancellationToken);
        var usage = await client.GetTenantUsageAsync(tenantId).WaitAsync(cancellationToken);

        var totals = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        totals.AddRow("[grey]tenant[/]", Markup.Escape(tenantId));
        totals.AddRow("[grey]last[/]", $"{days} days: {Formatting.Count(cost.Requests)} requests, {Formatting.Count(cost.CacheHits)} cache hits");
        totals.AddRow("[grey]cost[/]", $"{Formatting.Cost(cost.Cost)} (premium baseline {Formatting.Cost(cost.BaselineCost)}, saved {Formatting.Cost(cost.Savings)})");
        totals.AddRow("[grey]tokens[/]", $"{Formatting.Count(cost.InputTokens)} in, {Formatting.Count(cost.OutputTokens)} out");
        totals.AddRow("[grey]budget[/]", $"{usage.Period} {Formatting.Cost(usage.Budget)}: spent {Formatting.Cost(usage.Spent)}, reserved {Formatting.Cost(usage.Reserved)}, remaining {Formatting.Cost(usage.Remaining)}");
        console.Write(totals);

        if (history == 0) return ExitCodes.Success;
        var page = await client.GetRoutingHistoryAsync(tenantId, history).WaitAsync(cancellationToken);
        var table = new Table().AddColumns("time (UTC)", "request", "experts", "policy", "confidence", "cost", "saved", "cache", "ms", "outcome");
        foreach (var index in new[] { 4, 5, 6, 8 }) table.Columns[index].RightAligned();
        foreach (var entry in page.Entries)
        {
            table.AddRow(
                Formatting.UtcTime(entry.Timestamp.UtcDateTime),
                Markup.Escape(entry.RequestId),
                Markup.Escape(string.Join(",", entry.Experts)),
                Markup.Escape(entry.Policy),
                entry.Confidence.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
                Formatting.Cost(entry.Cost),
                Formatting.Cost(entry.Savings),
                entry.CacheHit ? "hit" : string.Empty,
                Formatting.Count(entry.LatencyMs),
                entry.Outcome.ToString());
        }
        console.WriteLine();
        console.Write(table);
        return ExitCodes.Success;
    }
}
