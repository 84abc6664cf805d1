using System.Text;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>A table that prints as aligned plain text (console, log) or as a markdown table; the first <c>n</c> columns are labels (left-aligned), the rest figures (right-aligned).</summary>
internal sealed class TextTable(IReadOnlyList<string> headers, int labelColumns = 1)
{
    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Count)
            throw new ArgumentException($"A row needs {headers.Count} cells, got {cells.Length}.", nameof(cells));
        _rows.Add(cells);
    }

    public string ToText()
    {
        var widths = Enumerable.Range(0, headers.Count).Select(c => _rows.Select(r => r[c].Length).Append(headers[c].Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine(string.Join("  ", cells.Select((cell, c) => c < labelColumns ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        Line(headers);
        Line([.. widths.Select(w => new string('-', w))]);
        foreach (var row in _rows) Line(row);
        return text.ToString();
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine($"| {string.Join(" | ", headers.Select(Escape))} |");
        text.AppendLine($"|{string.Join("|", headers.Select((_, c) => c < labelColumns ? "---" : "---:"))}|");
        foreach (var row in _rows) text.AppendLine($"| {string.Join(" | ", row.Select(Escape))} |");
        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
