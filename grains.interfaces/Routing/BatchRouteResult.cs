using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>Decisions for a batch of units, and how far the bias moved them from the clean routing.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.BatchRouteResult")]
public sealed record BatchRouteResult([Id(0)] ImmutableArray<RouteDecision> Decisions, [Id(1)] RoutingDisagreementReport Disagreement);
