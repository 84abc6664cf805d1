using System.CommandLine;
using Moecraft.Client;
using Moecraft.Ledger;
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
        // On a narrow terminal the request id (long, and in the ledger) goes first, then the routing detail.
        var table = new FittedTable<LedgerEntry>()
            .Column("time (UTC)", e => Formatting.UtcTime(e.Timestamp.UtcDateTime))
            .Column("request", e => Markup.Escape(e.RequestId), leaveOut: 3)
            .Column("experts", e => Markup.Escape(string.Join(",", e.Experts)))
            .Column("policy", e => Markup.Escape(e.Policy), leaveOut: 2)
            .Column("confidence", e => e.Confidence.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), leaveOut: 2, rightAligned: true)
            .Column("cost", e => Formatting.Cost(e.Cost), rightAligned: true)
            .Column("saved", e => Formatting.Cost(e.Savings), leaveOut: 1, rightAligned: true)
            .Column("cache", e => e.CacheHit ? "hit" : string.Empty, leaveOut: 2)
            .Column("ms", e => Formatting.Count(e.LatencyMs), leaveOut: 2, rightAligned: true)
            .Column("outcome", e => e.Outcome.ToString(), leaveOut: 1);
        console.WriteLine();
        table.Write(console, page.Entries);
        return ExitCodes.Success;
    }
}
