using System.Collections.Immutable;
using Moecraft.Routing;

namespace Moecraft.Experts;

/// <summary>An expert's complete answer with its accounting.</summary>
/// <param name="FinishReason">Why the model stopped (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>); null: not reported.</param>
/// <param name="ToolCalls">The tool calls the model made instead of (or besides) answering.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertAnswer")]
public sealed record ExpertAnswer(
    [Id(0)] string ExpertId,
    [Id(1)] string Text,
    [Id(2)] long InputTokens,
    [Id(3)] long OutputTokens,
    [Id(4)] decimal Cost,
    [Id(5)] long LatencyMs,
    [Id(6)] bool Simulated,
    [Id(7)] string? FinishReason = null,
    [Id(8)] ImmutableArray<ToolCall> ToolCalls = default)
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
