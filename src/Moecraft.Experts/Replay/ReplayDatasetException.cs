namespace Moecraft.Experts.Replay;

/// <summary>A replay dataset that breaks the BENCHMARKS 2 format; the message names the line (1-based) when there is one.</summary>
public sealed class ReplayDatasetException(string message, int? lineNumber = null)
    : ArgumentException(lineNumber is { } line ? $"Line {line}: {message}" : message)
{
    /// <summary>The offending line, 1-based; null for whole-dataset problems (no items).</summary>
    public int? LineNumber { get; } = lineNumber;
}
