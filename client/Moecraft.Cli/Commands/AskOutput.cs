using Moecraft.Experts;
using Moecraft.Routing;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary>
/// How <c>moecraft ask</c> shows a result. One expert: its answer, then the details. Several (<c>-k</c>): the coordinated
/// answer first and labelled as such, then each other answer labelled with its expert, and tokens and cost added up over
/// the same answers, with a line per expert, so the totals always describe the same set.
/// </summary>
internal static class AskOutput
{
    public static void WriteAnswers(IAnsiConsole console, AskRequest request, AskResult result)
    {
        if (result.Routing is not { Experts.Length: > 1 } routing)
        {
            console.WriteLine(result.Answer.Text);
            return;
        }

        var answers = result.AllAnswers;
        console.MarkupLine($"[bold]Coordinated answer[/] ({Markup.Escape(Coordination(request.Coordination))} of {routing.Experts.Length} experts), "
            + $"from {Markup.Escape(result.Answer.ExpertId)}:");
        console.WriteLine(result.Answer.Text);
        foreach (var other in answers.Skip(1))
        {
            console.WriteLine();
            console.MarkupLine($"[bold]Other answer[/], from {Markup.Escape(other.ExpertId)}:");
            console.WriteLine(other.Text);
        }
    }

    public static void WriteDetails(IAnsiConsole console, AskRequest request, AskResult result, TimeSpan roundTrip)
    {
        var routing = result.Routing;
        var answers = result.AllAnswers;
        var several = routing is { Experts.Length: > 1 };
        var details = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        details.AddRow("[grey]request[/]", Markup.Escape(request.RequestId));
        details.AddRow("[grey]answered by[/]", AnsweredBy(result));
        if (routing is not null)
        {
            details.AddRow("[grey]policy[/]", $"{routing.Policy}, confidence {routing.Confidence:0.000}"
                + (routing.Escalations > 0 ? $", escalated {routing.Escalations}x" : string.Empty));
            details.AddRow("[grey]cost[/]", $"{Formatting.Cost(routing.Cost)}{Over(answers.Length, several)} "
                + $"(premium baseline {Formatting.Cost(routing.PremiumCost)}, saved {Formatting.Cost(routing.Savings)})");
            details.AddRow("[grey]cache hit[/]", routing.CacheHit ? "yes" : "no");
            details.AddRow("[grey]epoch[/]", Formatting.Count(routing.Epoch));
        }
        details.AddRow("[grey]tokens[/]", $"{Formatting.Count(answers.Sum(a => a.InputTokens))} in, {Formatting.Count(answers.Sum(a => a.OutputTokens))} out"
            + Over(answers.Length, several));
        details.AddRow("[grey]latency[/]", Formatting.Milliseconds(Math.Round(roundTrip.TotalMilliseconds, 1)) + " round trip");
        if (several && answers.Length > 1) details.AddRow(new Markup("[grey]per expert[/]"), PerExpert(answers));
        console.Write(details);
        if (several && answers.Length == 1)
            console.MarkupLine("[grey]Only the coordinated answer was kept (a cached or repeated request); tokens are its own, cost is what the request was charged.[/]");
    }

    // "sim-a (chosen), sim-b (simulated)": who answered, which answer is shown first, and which are simulated.
    private static string AnsweredBy(AskResult result)
    {
        var experts = result.Routing?.Experts ?? [result.Answer.ExpertId];
        var text = string.Join(", ", experts.Select((id, i) => Markup.Escape(id) + (i == 0 && experts.Length > 1 ? " [grey](chosen)[/]" : string.Empty)));
        return text + (result.AllAnswers.Any(a => a.Simulated) ? " [grey](simulated)[/]" : string.Empty);
    }

    private static string Over(int answers, bool several) => several ? $" over {answers} answer{(answers == 1 ? "" : "s")}" : string.Empty;

    private static Table PerExpert(IReadOnlyList<ExpertAnswer> answers)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("expert", "tokens in", "tokens out", "cost", "latency");
        foreach (var index in new[] { 1, 2, 3, 4 }) table.Columns[index].RightAligned();
        foreach (var answer in answers)
            table.AddRow(Markup.Escape(answer.ExpertId), Formatting.Count(answer.InputTokens), Formatting.Count(answer.OutputTokens),
                Formatting.Cost(answer.Cost), Formatting.Milliseconds(answer.LatencyMs));
        table.ShowFooters = true;
        table.Columns[0].Footer("total");
        table.Columns[1].Footer(Formatting.Count(answers.Sum(a => a.InputTokens)));
        table.Columns[2].Footer(Formatting.Count(answers.Sum(a => a.OutputTokens)));
        table.Columns[3].Footer(Formatting.Cost(answers.Sum(a => a.Cost)));
        return table;
    }

    private static string Coordination(CoordinationKind kind) => kind switch
    {
        CoordinationKind.WeightedPick => "gate-weighted pick",
        CoordinationKind.BestPredicted => "best predicted quality",
        _ => "consensus",
    };
}
