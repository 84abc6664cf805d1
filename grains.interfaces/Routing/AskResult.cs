using Moecraft.Experts;

namespace Moecraft.Routing;

/// <summary>The routing decision for a prompt and the answer of the expert that served it.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.AskResult")]
public sealed record AskResult(RouteDecision Decision, ExpertAnswer Answer);
