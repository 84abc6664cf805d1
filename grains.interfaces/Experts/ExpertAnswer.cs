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
    [Id(8)] EquatableArray<ToolCall> ToolCalls = default)
{
    /// <summary>The tool calls, never default.</summary>
    public ImmutableArray<ToolCall> Calls => ToolCalls.Items;
}
