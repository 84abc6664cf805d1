using Moecraft.Experts;

namespace Moecraft.Routing;

/// <summary>The routing decision for a prompt, the answer that served it and the routing metadata.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.AskResult")]
public sealed record AskResult(RouteDecision Decision, ExpertAnswer Answer, RoutingMetadata? Routing = null);
