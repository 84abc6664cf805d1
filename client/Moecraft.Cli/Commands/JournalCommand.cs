using System.CommandLine;
using System.Globalization;
using Moecraft.Client;
using Moecraft.Journal;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary><c>moecraft journal [--day yyyy-mm-dd] [--node name]</c>: the journalist's record of a day's notable events.</summary>
internal static class JournalCommand
{
    public static Command Create()
    {
        var day = new Option<string?>("--day") { Description = "UTC day, yyyy-mm-dd (default: today).", HelpName = "yyyy-mm-dd" };
        day.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !TryParseDay(text, out _)) result.AddError($"--day must be a date as yyyy-mm-dd, got '{text}'.");
        });
        var node = NodeOption.Create("Node name (default: every node now in the cluster).");
        var command = new Command("journal", "Show the journal of notable events (halts, policy changes, lifecycle edits, exhausted budgets) for a day.")
        {
            day, node,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var date = parseResult.GetValue(day) is { } text && TryParseDay(text, out var parsed) ? parsed : DateOnly.FromDateTime(DateTime.UtcNow);
                var journals = await client.GetJournalAsync(parseResult.GetValue(node), date).WaitAsync(ct);
                Show(journals, date);
                return ExitCodes.Success;
            }));
        return command;
    }

    private static void Show(IReadOnlyList<JournalDay> journals, DateOnly day)
    {
        var console = Terminal.Out;
        var entries = journals.SelectMany(j => j.Entries.Select(e => (j.Node, Entry: e))).OrderBy(e => e.Entry.At).ToList();
        var title = $"Journal of {day.ToString(JournalKeys.DayFormat, CultureInfo.InvariantCulture)} (UTC), {string.Join(", ", journals.Select(j => j.Node))}";
        if (entries.Count == 0)
        {
            console.MarkupLine(Markup.Escape($"{title}: nothing notable happened."));
            return;
        }
        var table = new Table().Title(Markup.Escape(title)).AddColumns("time (UTC)", "node", "kind", "what happened");
        foreach (var (node, entry) in entries)
            table.AddRow(Formatting.UtcTime(entry.At.UtcDateTime), Markup.Escape(node), Markup.Escape(entry.Kind), Markup.Escape(entry.Text));
        console.Write(table);
        var dropped = journals.Sum(j => j.Dropped);
        if (dropped > 0) console.MarkupLine(Markup.Escape($"{dropped} further entries were dropped: the day's journal was full."));
    }

    private static bool TryParseDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, JournalKeys.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
