using System.Collections.Immutable;
using Moecraft.Routing;

namespace Moecraft.Experts;

/// <summary>An expert's complete answer with its accounting.</summary>
/// <param name="FinishReason">Why the model stopped (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>); null: not reported.</param>
/// <param name="ToolCalls">The tool calls the model made instead of (or besides) answering.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertAnswer")]
public sealed record ExpertAnswer(
    string ExpertId,
    string Text,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    long LatencyMs,
    bool Simulated,
    string? FinishReason = null,
    ImmutableArray<ToolCall> ToolCalls = default)
{
    /// <summary>The tool calls, never default.</summary>
    public ImmutableArray<ToolCall> Calls => ToolCalls.IsDefault ? [] : ToolCalls;

    // ImmutableArray compares by reference; answers read back from storage must equal the ones written.
    public bool Equals(ExpertAnswer? other) =>
        other is not null && ExpertId == other.ExpertId && Text == other.Text && InputTokens == other.InputTokens
        && OutputTokens == other.OutputTokens && Cost == other.Cost && LatencyMs == other.LatencyMs && Simulated == other.Simulated
        && FinishReason == other.FinishReason && Calls.SequenceEqual(other.Calls);

    public override int GetHashCode() => HashCode.Combine(ExpertId, Text, InputTokens, OutputTokens, Cost, LatencyMs, Simulated, FinishReason);
}
