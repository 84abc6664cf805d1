using System.CommandLine;
using System.Diagnostics;
using Moecraft.Client;
using Moecraft.Experts;
using Moecraft.Routing;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary>
/// <c>moecraft ask</c>: one prompt through the full request path (tenant budget, surrogate cache, learned gate and policy,
/// ledger), optionally streamed, with the routing metadata that rides on the answer.
/// </summary>
internal static class AskCommand
{
    private const string Cheapest = "cheapest";
    private const string Cascade = "cascade";
    private const string Gain = "gain";
    private const string Fixed = "fixed";

    public static Command Create()
    {
        var prompt = new Argument<string>("prompt") { Description = "Prompt text." }.NotBlank("The prompt");
        var tenant = TenantArguments.Tenant("Tenant charged for the answer (budget, cache, ledger).", required: false);
        var policy = new Option<string?>("--policy") { Description = "gain, cheapest, cascade or fixed (default: the tenant's).", HelpName = "name" }
            .OneOf(Gain, Cheapest, Cascade, Fixed);
        var target = new Option<double?>("--target") { Description = "Quality target in [0, 1] (default: the tenant's).", HelpName = "p" }.InRange(0d, 1d);
        var expert = new Option<string?>("--expert") { Description = "The expert for --policy fixed.", HelpName = "id" }.Checked(id => ExpertIds.Validate(id, "expert"));
        var experts = new Option<int>("--experts", "-k")
        {
            Description = "How many experts answer (k); with more than one, every answer is shown and the coordinated one is marked.",
            HelpName = "k",
            DefaultValueFactory = _ => 1,
        }.InRange(1, AskRequest.MaxExperts);
        var stream = new Option<bool>("--stream") { Description = "Print the answer as it arrives (one expert only: several answers are shown once coordinated)." };
        var router = RouterOption.Create();

        var command = new Command("ask", "Ask one prompt through the request path and show the answer with its routing metadata.")
        {
            prompt, tenant, policy, target, expert, experts, stream, router,
        };
        command.Validators.Add(result =>
        {
            // Text options only (OptionRules): a typed value that did not parse would throw here.
            if (result.GetValue(policy) == Fixed && result.GetValue(expert) is null) result.AddError("--policy fixed needs --expert.");
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
        Cheapest => new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, target),
        Cascade => new RoutingPolicy(RoutingPolicyKind.Cascade, target),
        Gain => new RoutingPolicy(RoutingPolicyKind.Gain, target),
        Fixed => new RoutingPolicy(RoutingPolicyKind.Fixed, target, expert),
        _ when target is not null => new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, target),
        _ => null,
    };

    private static async Task<int> RunAsync(MoecraftClient client, AskRequest request, string routerId, bool stream, CancellationToken cancellationToken)
    {
        var console = Terminal.Out;
        var stopwatch = Stopwatch.StartNew();
        AskResult? result = null;
        // Several answers are coordinated whole before anything arrives, so they are shown together, each labelled.
        if (stream && request.Experts == 1)
        {
            await foreach (var chunk in client.AskStreamingAsync(request, routerId).WithCancellation(cancellationToken))
            {
                if (chunk.Final is { } final) result = final;
                else if (chunk.Text is { Length: > 0 } text) console.Write(new Text(text));
            }
            console.WriteLine();
            if (result is null) throw new InvalidOperationException("The stream ended without a result.");
        }
        else
        {
            result = await Terminal.WhileWaitingAsync(request.Experts == 1 ? "Waiting for the answer..." : $"Waiting for {request.Experts} answers...", () => client.AskAsync(request, routerId).WaitAsync(cancellationToken));
            AskOutput.WriteAnswers(console, request, result);
        }

        console.WriteLine();
        AskOutput.WriteDetails(console, request, result, stopwatch.Elapsed);
        return ExitCodes.Success;
    }
}
