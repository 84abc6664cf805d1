using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>What rides on every answer (SPEC 4): who answered, what it cost and saved, how sure the router was.</summary>
/// <param name="Experts">The experts whose answers were used, best first.</param>
/// <param name="Cost">What the call cost, in currency units (0 on a cache hit).</param>
/// <param name="PremiumCost">What the always-premium baseline would have cost for the same tokens.</param>
/// <param name="Confidence">The predicted probability that the answer is acceptable (1 on a cache hit of a checked answer is not claimed: the cached answer's own confidence).</param>
/// <param name="CacheHit">True when the surrogate cache answered and no model was called.</param>
/// <param name="Epoch">The router's roster epoch the decision was made in.</param>
/// <param name="Policy">The policy that picked.</param>
/// <param name="Escalations">How many times a cascade escalated (0 otherwise).</param>
[GenerateSerializer, Immutable, Alias("moecraft.RoutingMetadata")]
public sealed record RoutingMetadata(
    [Id(0)] ImmutableArray<string> Experts,
    [Id(1)] decimal Cost,
    [Id(2)] decimal PremiumCost,
    [Id(3)] double Confidence,
    [Id(4)] bool CacheHit,
    [Id(5)] long Epoch,
    [Id(6)] RoutingPolicyKind Policy,
    [Id(7)] int Escalations)
{
    /// <summary>Savings against the always-premium baseline.</summary>
    public decimal Savings => PremiumCost - Cost;
}
