namespace Moecraft.Routing;

/// <summary>How the request path picks experts from their predicted success and price (SPEC 4.4).</summary>
/// <param name="Kind">The policy.</param>
/// <param name="QualityTarget">Predicted probability of an acceptable answer the pick must reach, in [0, 1]; null: the tenant's.</param>
/// <param name="FixedExpert">The expert that answers under <see cref="RoutingPolicyKind.Fixed"/>.</param>
[GenerateSerializer, Immutable, Alias("moecraft.RoutingPolicy")]
public sealed record RoutingPolicy(RoutingPolicyKind Kind, double? QualityTarget = null, string? FixedExpert = null);
