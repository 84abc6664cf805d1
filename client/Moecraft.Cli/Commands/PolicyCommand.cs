using System.CommandLine;
using System.Globalization;
using Moecraft.Client;
using Moecraft.Governance;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary>
/// <c>moecraft policy</c>: the current governance policy and kill-switch state (<c>--history</c>: every version);
/// <c>moecraft policy set ...</c>: the next version, changing only the settings given.
/// </summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var governance = GovernanceOption.Create();
        var history = new Option<bool>("--history") { Description = "List every policy version and the recorded halts and resumes." };
        var command = new Command("policy", "Show the governance policy and whether the cluster is halted; 'policy set' changes it.")
        {
            governance, history, CreateSet(),
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            (client, _, ct) => ShowAsync(client, parseResult.GetRequiredValue(governance), parseResult.GetValue(history), ct)));
        return command;
    }

    private static Command CreateSet()
    {
        var governance = GovernanceOption.Create();
        var actor = ActorOption.Create();
        var lifecycle = new Option<string?>("--lifecycle") { Description = "Lifecycle autonomy: dry-run, apply-prune or apply-all.", HelpName = "autonomy" }
            .Checked(value => PolicyArguments.Autonomy(value));
        var maxExperts = new Option<int?>("--max-experts") { Description = "Most experts one router may hold.", HelpName = "N" }
            .InRange(1, GovernancePolicy.MaxRouterWidth);
        var maxBudget = new Option<decimal?>("--max-budget") { Description = "Highest tenant budget per period (0: no cap).", HelpName = "amount" }
            .InRange(0m, decimal.MaxValue);
        var maxRpm = new Option<int?>("--max-rpm") { Description = "Highest per-key requests per minute (0: no cap).", HelpName = "N" }
            .InRange(0, int.MaxValue);
        var backends = new Option<string?>("--backends") { Description = "Allowed backends, comma-separated: simulated, ollama, openai-compatible, replay, federated.", HelpName = "list" }
            .Checked(value => PolicyArguments.Backends(value));
        var peers = new Option<string?>("--peers") { Description = "Allowed federation peer node ids, comma-separated ('none' denies all).", HelpName = "list" };
        var command = new Command("set", "Set the next policy version; settings not given keep their current value.")
        {
            governance, actor, lifecycle, maxExperts, maxBudget, maxRpm, backends, peers,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var id = parseResult.GetRequiredValue(governance);
                var current = await client.GetGovernanceAsync(id).WaitAsync(ct);
                var policy = current.Policy.Policy;
                if (parseResult.GetValue(lifecycle) is { } autonomy) policy = policy with { LifecycleAutonomy = PolicyArguments.Autonomy(autonomy) };
                if (parseResult.GetValue(maxExperts) is { } experts) policy = policy with { MaxExpertsPerRouter = experts };
                if (parseResult.GetValue(maxBudget) is { } budget) policy = policy with { MaxTenantBudget = budget == 0 ? null : budget };
                if (parseResult.GetValue(maxRpm) is { } rpm) policy = policy with { MaxRequestsPerMinute = rpm == 0 ? null : rpm };
                if (parseResult.GetValue(backends) is { } kinds) policy = policy with { AllowedBackends = PolicyArguments.Backends(kinds) };
                if (parseResult.GetValue(peers) is { } list) policy = policy with { Federation = new FederationRules(PolicyArguments.List(list)) };

                var version = await client.SetPolicyAsync(policy, parseResult.GetValue(actor), current.Policy.Version, id).WaitAsync(ct);
                Terminal.Out.MarkupLine(Markup.Escape(version.Version == current.Policy.Version
                    ? $"No change: policy version {version.Version} already says so."
                    : $"Policy version {version.Version} set by {version.ChangedBy}: {PolicyText.Describe(current.Policy.Policy, version.Policy)}."));
                return ExitCodes.Success;
            }));
        return command;
    }

    private static async Task<int> ShowAsync(MoecraftClient client, string governanceId, bool history, CancellationToken cancellationToken)
    {
        var console = Terminal.Out;
        var snapshot = await client.GetGovernanceAsync(governanceId).WaitAsync(cancellationToken);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[grey]governance[/]", Markup.Escape(governanceId));
        grid.AddRow("[grey]state[/]", snapshot.Halt.Halted
            ? $"[red]HALTED[/] {Markup.Escape($"since {Formatting.UtcTime(snapshot.Halt.Since!.Value.UtcDateTime)} by {snapshot.Halt.Actor}: {snapshot.Halt.Reason}")}"
            : "[green]running[/]");
        var version = snapshot.Policy;
        grid.AddRow("[grey]policy version[/]", Markup.Escape(version.Version == 0
            ? "0 (built-in default)"
            : $"{version.Version}, set by {version.ChangedBy} at {Formatting.UtcTime(version.ChangedAt.UtcDateTime)}"));
        foreach (var (name, value) in PolicyText.Lines(version.Policy)) grid.AddRow($"[grey]{Markup.Escape(name)}[/]", Markup.Escape(value));
        console.Write(grid);
        if (!history) return ExitCodes.Success;

        var versions = await client.GetPolicyHistoryAsync(governanceId).WaitAsync(cancellationToken);
        var events = await client.GetGovernanceEventsAsync(governanceId).WaitAsync(cancellationToken);
        var table = new Table().AddColumns("time (UTC)", "revision", "by", "event");
        foreach (var e in events)
            table.AddRow(Formatting.UtcTime(e.At.UtcDateTime), e.Revision.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Actor), Markup.Escape(e.Text));
        console.WriteLine();
        console.MarkupLine(Markup.Escape($"{versions.Count} policy versions (0 is the built-in default); changes, halts and resumes:"));
        console.Write(table);
        return ExitCodes.Success;
    }
}
