using System.CommandLine;
using System.Diagnostics;
using Moecraft.Client;
using Moecraft.Routing;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary><c>moecraft route</c>: asks prompts through a router and shows each routing decision and answer.</summary>
internal static class RouteCommand
{
    public static Command Create()
    {
        var prompts = new Argument<string[]>("prompt")
        {
            Description = "Prompt text; give several quoted prompts to route each one.",
            Arity = ArgumentArity.OneOrMore,
        };
        prompts.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>().Any(string.IsNullOrWhiteSpace)) result.AddError("A prompt must not be empty.");
        });

        var count = new Option<int>("--count", "-n")
        {
            Description = "How many times to ask each prompt (each ask is a new request).",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
        }.InRange(1, int.MaxValue);

        var router = RouterOption.Create();
        var command = new Command("route", "Route prompts through a router, ask the selected expert, and show the decision.")
        {
            prompts, router, count,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            (client, _, ct) => RunAsync(
                client, parseResult.GetRequiredValue(prompts), parseResult.GetRequiredValue(router), parseResult.GetValue(count), ct)));
        return command;
    }

    private static async Task<int> RunAsync(MoecraftClient client, string[] prompts, string routerId, int count, CancellationToken cancellationToken)
    {
        var console = Terminal.Out;
        var asks = prompts.SelectMany(prompt => Enumerable.Repeat(prompt, count)).ToArray();
        var answered = new List<AskResult>();
        var rejected = 0;

        for (var i = 0; i < asks.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i > 0) console.WriteLine();
            var heading = asks.Length == 1 ? "Prompt" : $"Ask {i + 1} of {asks.Length}";
            console.MarkupLine($"[bold]{heading}[/]: {Markup.Escape(asks[i])}");

            var stopwatch = Stopwatch.StartNew();
            AskResult result;
            try
            {
                result = await Terminal.WhileWaitingAsync($"Waiting for answer {i + 1} of {asks.Length}...", () => client.AskAsync(asks[i], routerId));
            }
            catch (Exception ex) when (IsRejection(ex))
            {
                // One rejected prompt should not hide the answers to the others; the exit code still reports it.
                CliErrors.Report(ex, cancellationToken);
                rejected++;
                continue;
            }

            Render(console, result, stopwatch.Elapsed);
            answered.Add(result);
        }

        if (asks.Length > 1) RenderSummary(console, answered, rejected);
        return rejected == 0 ? ExitCodes.Success : ExitCodes.Rejected;
    }

    // Connection failures and cancellation end the whole command; anything else is this prompt's problem.
    private static bool IsRejection(Exception ex) =>
        ex is not OperationCanceledException and not TimeoutException && !CliConnection.IsConnectionFailure(ex);

    private static void Render(IAnsiConsole console, AskResult result, TimeSpan roundTrip)
    {
        var decision = result.Decision;
        var answer = result.Answer;

        var selection = new Table()
            .AddColumns("#", "Slot", "Expert", "Gate", "Logit", string.Empty);
        foreach (var index in new[] { 0, 1, 3, 4 }) selection.Columns[index].RightAligned();
        for (var i = 0; i < decision.Selected.Length; i++)
        {
            var selected = decision.Selected[i];
            var served = selected.ExpertId == answer.ExpertId;
            selection.AddRow(
                Formatting.Count(i + 1),
                Formatting.Count(selected.Slot),
                served ? $"[bold]{Markup.Escape(selected.ExpertId)}[/]" : Markup.Escape(selected.ExpertId),
                Formatting.Gate(selected.Gate),
                Formatting.Logit(selected.Logit),
                served ? "[green]answered[/]" : string.Empty);
        }

        var details = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        details.AddRow("[grey]router[/]", $"{Markup.Escape(decision.RouterId)}, epoch {Formatting.Count(decision.Epoch)}");
        details.AddRow(new Markup("[grey]selected[/]"), selection);
        details.AddRow("[grey]answered by[/]",
            Markup.Escape(answer.ExpertId) + (answer.Simulated ? " [grey](simulated)[/]" : string.Empty));
        details.AddRow("[grey]tokens[/]", $"{Formatting.Count(answer.InputTokens)} in, {Formatting.Count(answer.OutputTokens)} out");
        details.AddRow("[grey]cost[/]", Formatting.Cost(answer.Cost));
        details.AddRow("[grey]latency[/]",
            $"{Formatting.Milliseconds(answer.LatencyMs)} at the expert, {Formatting.Milliseconds(Math.Round(roundTrip.TotalMilliseconds, 1))} round trip");
        details.AddRow("[grey]answer[/]", string.Empty);
        console.Write(details);
        // Outside the grid, so a long answer wraps at the console width without padding every other row to it.
        console.Write(new Padder(new Text(answer.Text), new Padding(2, 0, 0, 0)));
    }

    private static void RenderSummary(IAnsiConsole console, List<AskResult> answered, int rejected)
    {
        console.WriteLine();
        var byExpert = string.Join(", ", answered
            .GroupBy(r => r.Answer.ExpertId)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{Markup.Escape(g.Key)} x{g.Count()}"));
        var cost = answered.Sum(r => r.Answer.Cost);
        var tokensIn = answered.Sum(r => r.Answer.InputTokens);
        var tokensOut = answered.Sum(r => r.Answer.OutputTokens);
        console.MarkupLine($"[bold]Summary[/]: {answered.Count} answered, {rejected} rejected; "
            + $"tokens {Formatting.Count(tokensIn)} in, {Formatting.Count(tokensOut)} out; cost {Formatting.Cost(cost)}"
            + (byExpert.Length > 0 ? $"; served by {byExpert}" : string.Empty));
    }
}
