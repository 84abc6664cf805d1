using System.CommandLine;
using System.Diagnostics;
using Moecraft.Client;
using Moecraft.Routing;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary>
/// <c>moecraft ask</c>: one prompt through the full request path (tenant budget, surrogate cache, learned gate and policy,
/// ledger), optionally streamed, with the routing metadata that rides on the answer.
/// </summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var prompt = new Argument<string>("prompt") { Description = "Prompt text." };
        prompt.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("The prompt must not be empty.");
        });
        var tenant = new Option<string?>("--tenant") { Description = "Tenant charged for the answer (budget, cache, ledger).", HelpName = "id" };
        var policy = new Option<string?>("--policy") { Description = "cheapest, cascade or fixed (default: the tenant's).", HelpName = "name" };
        policy.AcceptOnlyFromAmong("cheapest", "cascade", "fixed");
        var target = new Option<double?>("--target") { Description = "Quality target in [0, 1] (default: the tenant's).", HelpName = "p" };
        target.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && !(value >= 0 && value <= 1)) result.AddError("--target must be in [0, 1].");
        });
        var expert = new Option<string?>("--expert") { Description = "The expert for --policy fixed.", HelpName = "id" };
        var experts = new Option<int>("--experts", "-k") { Description = "How many experts answer (k).", HelpName = "k", DefaultValueFactory = _ => 1 };
        var stream = new Option<bool>("--stream") { Description = "Print the answer as it arrives." };
        var router = RouterOption.Create();

        var command = new Command("ask", "Ask one prompt through the request path and show the answer with its routing metadata.")
        {
            prompt, tenant, policy, target, expert, experts, stream, router,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(policy) == "fixed" && string.IsNullOrWhiteSpace(result.GetValue(expert)))
                result.AddError("--policy fixed needs --expert.");
        });
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken, (client, _, ct) =>
        {
            var request = new AskRequest(
                Guid.NewGuid().ToString("n"),
                parseResult.GetRequiredValue(prompt),
                TenantId: parseResult.GetValue(tenant),
                Policy: Policy(parseResult.GetValue(policy), parseResult.GetValue(target), parseResult.GetValue(expert)),
                Experts: parseResult.GetValue(experts));
            return RunAsync(client, request, parseResult.GetRequiredValue(router), parseResult.GetValue(stream), ct);
        }));
        return command;
    }

    private static RoutingPolicy? Policy(string? name, double? target, string? expert) => name switch
    {
        "cheapest" => new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, target),
        "cascade" => new RoutingPolicy(RoutingPolicyKind.Cascade, target),
        "fixed" => new RoutingPolicy(RoutingPolicyKind.Fixed, target, expert),
        _ when target is not null => new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, target),
        _ => null,
    };

    private static async Task<int> RunAsync(MoecraftClient client, AskRequest request, string routerId, bool stream, CancellationToken cancellationToken)
    {
        var console = Terminal.Out;
        var stopwatch = Stopwatch.StartNew();
        AskResult? result = null;
        if (stream)
        {
            await foreach (var chunk in client.AskStreamingAsync(request, routerId).WithCancellation(cancellationToken))
            {
                if (chunk.Final is { } final) result = final;
                else if (chunk.Text is { Length: > 0 } text) console.Write(new Text(text));
            }
            console.WriteLine();
        }
        else
        {
            result = await client.AskAsync(request, routerId).WaitAsync(cancellationToken);
            console.WriteLine(result.Answer.Text);
        }

        if (result is null) throw new InvalidOperationException("The stream ended without a result.");
        console.WriteLine();
        var details = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        var routing = result.Routing;
        details.AddRow("[grey]request[/]", Markup.Escape(request.RequestId));
        details.AddRow("[grey]answered by[/]", Markup.Escape(routing is null ? result.Answer.ExpertId : string.Join(", ", routing.Experts))
            + (result.Answer.Simulated ? " [grey](simulated)[/]" : string.Empty));
        if (routing is not null)
        {
            details.AddRow("[grey]policy[/]", $"{routing.Policy}, confidence {routing.Confidence:0.000}"
                + (routing.Escalations > 0 ? $", escalated {routing.Escalations}x" : string.Empty));
            details.AddRow("[grey]cost[/]", $"{Formatting.Cost(routing.Cost)} (premium baseline {Formatting.Cost(routing.PremiumCost)}, saved {Formatting.Cost(routing.Savings)})");
            details.AddRow("[grey]cache hit[/]", routing.CacheHit ? "yes" : "no");
            details.AddRow("[grey]epoch[/]", Formatting.Count(routing.Epoch));
        }
        details.AddRow("[grey]tokens[/]", $"{Formatting.Count(result.Answer.InputTokens)} in, {Formatting.Count(result.Answer.OutputTokens)} out");
        details.AddRow("[grey]latency[/]", Formatting.Milliseconds(Math.Round(stopwatch.Elapsed.TotalMilliseconds, 1)) + " round trip");
        console.Write(details);
        return ExitCodes.Success;
    }
}
