using System.Collections.Immutable;
using Moecraft.Experts;

namespace Moecraft.Routing;

/// <summary>The routing decision for a prompt, the answer that served it and the routing metadata.</summary>
/// <param name="Answers">
/// When several experts answered (k &gt; 1): every expert's answer, the chosen one (<paramref name="Answer"/>) first, so a
/// caller can show them and add up their tokens and cost. Empty when one expert answered, on a cache hit, and on an answer
/// read back for a repeated request id (the stored answer keeps only the chosen one).
/// </param>
[GenerateSerializer, Immutable, Alias("moecraft.AskResult")]
public sealed record AskResult(
    [Id(0)] RouteDecision Decision,
    [Id(1)] ExpertAnswer Answer,
    [Id(2)] RoutingMetadata? Routing = null,
    [property: Id(3)] ImmutableArray<ExpertAnswer> Answers = default)
{
    /// <summary>The answers of every expert that answered (never default): <see cref="Answers"/>, else the one <see cref="Answer"/>.</summary>
    public ImmutableArray<ExpertAnswer> AllAnswers => Answers.IsDefaultOrEmpty ? [Answer] : Answers;
}
