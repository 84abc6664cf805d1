using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>How the request path picks experts from their predicted success and price (SPEC 4.4).</summary>
/// <param name="Kind">The policy.</param>
/// <param name="QualityTarget">Predicted probability of an acceptable answer the pick must reach, in [0, 1]; null: the tenant's.</param>
/// <param name="FixedExpert">The expert that answers under <see cref="RoutingPolicyKind.Fixed"/>.</param>
/// <param name="Fallbacks">
/// Fixed policy only: the experts that answer, in this order, when the fixed expert fails (an OpenRouter-style
/// <c>models</c> list); default: none, a pinned request gets no substitute.
/// </param>
/// <param name="ConsistencySamples">
/// Cascade only: how many answers its first stage gives before it is judged (issue 14). 0 or 1: one; 2 to
/// <see cref="MaxConsistencySamples"/>: the request as sent plus samples at a sampling temperature, all paid, and the cascade
/// escalates when their final answers disagree.
/// </param>
[GenerateSerializer, Immutable, Alias("moecraft.RoutingPolicy")]
public sealed record RoutingPolicy([Id(0)] RoutingPolicyKind Kind, [Id(1)] double? QualityTarget = null, [Id(2)] string? FixedExpert = null, [Id(3)] EquatableArray<string> Fallbacks = default, [Id(4)] int ConsistencySamples = 0)
{
    /// <summary>The most answers a consistency check may pay for.</summary>
    public const int MaxConsistencySamples = 5;

    /// <summary>How many answers the cascade's first stage gives: at least one.</summary>
    public int AnswerSamples => Math.Max(1, ConsistencySamples);

    /// <summary>The fallbacks, never default.</summary>
    public ImmutableArray<string> FallbackList => Fallbacks.Items;

    /// <summary>The request names its expert: that expert answers (or its fallbacks), never a cached answer of another.</summary>
    public bool PinsExpert => Kind == RoutingPolicyKind.Fixed && FixedExpert is not null;
}
