using Spectre.Console;
using Spectre.Console.Rendering;

namespace Moecraft.Cli;

/// <summary>
/// A table that fits the terminal's width: while its columns do not fit, the least important one is left out (a note
/// under the table names what was left out); cells of the columns kept wrap if they still do not fit.
/// </summary>
internal sealed class FittedTable<TRow>
{
    private readonly List<FittedColumn> _columns = [];

    public string? Title { get; init; }

    /// <param name="header">The column's header (plain text).</param>
    /// <param name="cell">The cell's markup for a row.</param>
    /// <param name="leaveOut">0: always shown; otherwise higher numbers are left out first (the rightmost first among equals).</param>
    /// <param name="footer">The footer's markup (a total); null: none.</param>
    public FittedTable<TRow> Column(string header, Func<TRow, string> cell, int leaveOut = 0, bool rightAligned = false, string? footer = null)
    {
        _columns.Add(new FittedColumn(header, cell, leaveOut, rightAligned, footer));
        return this;
    }

    public void Write(IAnsiConsole console, IReadOnlyList<TRow> rows)
    {
        var width = console.Profile.Width;
        var kept = _columns.ToList();
        var table = Build(kept, rows);
        while (NaturalWidth(console, table) > width && LeastImportant(kept) is { } column)
        {
            kept.Remove(column);
            table = Build(kept, rows);
        }
        console.Write(table);

        var left = _columns.Where(c => !kept.Contains(c)).Select(c => c.Header).ToList();
        if (left.Count > 0)
            console.MarkupLine($"[grey]{Markup.Escape($"Left out to fit {width} columns: {string.Join(", ", left)}. A wider terminal (or COLUMNS=200 when output is redirected) shows them.")}[/]");
    }

    private Table Build(List<FittedColumn> columns, IReadOnlyList<TRow> rows)
    {
        var table = new Table();
        if (Title is not null) table.Title(Markup.Escape(Title));
        foreach (var column in columns)
        {
            var added = new TableColumn(Markup.Escape(column.Header));
            if (column.RightAligned) added.RightAligned();
            if (column.Footer is { } footer) added.Footer(footer);
            table.AddColumn(added);
        }
        table.ShowFooters = columns.Any(c => c.Footer is not null);
        foreach (var row in rows) table.AddRow(columns.Select(c => c.Cell(row)).ToArray());
        return table;
    }

    // The width the table takes when nothing has to wrap.
    private static int NaturalWidth(IAnsiConsole console, Table table) =>
        ((IRenderable)table).Measure(RenderOptions.Create(console), int.MaxValue / 2).Max;

    private static FittedColumn? LeastImportant(List<FittedColumn> columns) => columns
        .Select((column, index) => (column, index))
        .Where(c => c.column.LeaveOut > 0)
        .OrderByDescending(c => c.column.LeaveOut).ThenByDescending(c => c.index)
        .Select(c => c.column)
        .FirstOrDefault();

    private sealed record FittedColumn(string Header, Func<TRow, string> Cell, int LeaveOut, bool RightAligned, string? Footer);
}
