using System.CommandLine;
using System.Globalization;
using Moecraft.Client;
using Moecraft.Kernel;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary>
/// <c>moecraft keepers [--router id]</c>: a router's three temporal keepers (SPEC 5). <c>--commit ID --clock c</c> commits
/// a proposal whose dwell has passed; <c>--compensate SEQ --clock c --reason text</c> proposes cancelling a scar or reflex.
/// </summary>
internal static class KeepersCommand
{
    public static Command Create()
    {
        var router = RouterOption.Create();
        var clock = new Option<string?>("--clock") { Description = "The keeper: fast, mid or slow (with --commit or --compensate).", HelpName = "clock" };
        clock.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && ParseClock(text) is null) result.AddError($"--clock must be fast, mid or slow, got '{text}'.");
        });
        var commit = new Option<string?>("--commit") { Description = "Commit this proposal id (after its dwell).", HelpName = "proposal" }.NotBlank();
        var compensate = new Option<long?>("--compensate") { Description = "Propose cancelling the committed event with this sequence.", HelpName = "seq" }
            .InRange(0L, long.MaxValue);
        var reason = new Option<string?>("--reason") { Description = "Why (with --compensate).", HelpName = "text" }.NotBlank();
        var command = new Command("keepers", "Show a router's temporal keepers (clocks, epochs, write budgets, proposals, identity events), commit a proposal, or propose a compensation.")
        {
            router, clock, commit, compensate, reason,
        };
        command.Validators.Add(result =>
        {
            // Whether an option was given, not its value (OptionRules): a --compensate that did not parse would throw here.
            var committing = result.GetResult(commit) is not null;
            var compensating = result.GetResult(compensate) is not null;
            if (committing && compensating) result.AddError("Use --commit or --compensate, not both.");
            if ((committing || compensating) && result.GetResult(clock) is null) result.AddError("--commit and --compensate need --clock fast|mid|slow.");
            if (compensating && result.GetResult(reason) is null) result.AddError("--compensate needs --reason.");
        });
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var routerId = parseResult.GetRequiredValue(router);
                var keeper = parseResult.GetValue(clock) is { } text ? ParseClock(text) : null;
                if (parseResult.GetValue(commit) is { } proposal)
                {
                    var result = await client.CommitKeeperProposalAsync(routerId, keeper!.Value, proposal).WaitAsync(ct);
                    Terminal.Out.MarkupLine(Markup.Escape($"Proposal {result.ProposalId}: {result.Outcome.ToString().ToLowerInvariant()} at tick {result.DecidedAt} (epoch {result.Epoch}): {result.Reason}"));
                    return result.Outcome == CommitOutcome.Committed ? ExitCodes.Success : ExitCodes.Rejected;
                }
                if (parseResult.GetValue(compensate) is { } sequence)
                {
                    var id = await client.ProposeCompensationAsync(routerId, keeper!.Value, sequence, parseResult.GetValue(reason)!).WaitAsync(ct);
                    Terminal.Out.MarkupLine(Markup.Escape($"Proposed compensation of event {sequence} as {id}; commit it after the dwell with --commit {id} --clock {KeeperClocks.Name(keeper.Value)}."));
                    return ExitCodes.Success;
                }
                Show(routerId, await client.GetKeepersAsync(routerId).WaitAsync(ct));
                return ExitCodes.Success;
            }));
        return command;
    }

    private static KeeperClock? ParseClock(string text) => text.ToLowerInvariant() switch
    {
        "fast" => KeeperClock.Fast,
        "mid" => KeeperClock.Mid,
        "slow" => KeeperClock.Slow,
        _ => null,
    };

    private static void Show(string routerId, IReadOnlyList<KeeperSnapshot> keepers)
    {
        var console = Terminal.Out;
        var clocks = new Table().Title(Markup.Escape($"Router {routerId}: temporal keepers"))
            .AddColumns("keeper", "tick", "epoch (since tick)", "budget", "dwell", "pending", "events");
        foreach (var k in keepers)
        {
            var decided = k.Results.Select(r => r.ProposalId).ToHashSet(StringComparer.Ordinal);
            clocks.AddRow(
                KeeperClocks.Name(k.Clock), Formatting.Count(k.Tick),
                $"{k.Epoch} ({Formatting.Count(k.EpochStartTick)})",
                $"{k.Tokens.ToString("0.##", CultureInfo.InvariantCulture)} / {k.Capacity} per {Formatting.Count(k.RefillTicks)} ticks",
                Formatting.Count(k.Dwell),
                k.Proposals.Count(p => !decided.Contains(p.Id)).ToString(CultureInfo.InvariantCulture),
                k.Events.Length.ToString(CultureInfo.InvariantCulture));
        }
        console.Write(clocks);

        var events = new Table().Title("Identity events (append-only; a compensation supersedes the event it names)")
            .AddColumns("keeper", "seq", "kind", "subject", "epoch", "tick", "supersedes", "reason");
        foreach (var k in keepers)
        foreach (var e in k.Events)
            events.AddRow(KeeperClocks.Name(k.Clock), e.Sequence.ToString(CultureInfo.InvariantCulture), e.Kind.ToString().ToLowerInvariant(),
                Markup.Escape(e.Subject), e.Epoch.ToString(CultureInfo.InvariantCulture), Formatting.Count(e.CommittedAt),
                e.Supersedes?.ToString(CultureInfo.InvariantCulture) ?? "", Markup.Escape(e.Reason ?? ""));
        console.Write(events);

        var pending = keepers.SelectMany(k => k.Proposals.Where(p => !k.Results.Any(r => r.ProposalId == p.Id)).Select(p => (k, p))).ToList();
        if (pending.Count == 0) return;
        var proposals = new Table().Title("Pending proposals").AddColumns("keeper", "id", "kind", "subject", "epoch", "commit from tick");
        foreach (var (k, p) in pending)
            proposals.AddRow(KeeperClocks.Name(k.Clock), p.Id, p.Kind.ToString().ToLowerInvariant(), Markup.Escape(p.Subject),
                p.Epoch.ToString(CultureInfo.InvariantCulture), Formatting.Count(p.ProposedAt + k.Dwell));
        console.Write(proposals);
    }
}
