namespace Moecraft.Routing;

/// <summary>
/// The text form of a routing policy, as a tenant's settings and the CLI name it: <c>gain</c>, <c>cheapest</c>, <c>cascade</c>, or
/// <c>fixed:&lt;expert id&gt;</c>.
/// </summary>
public static class RoutingPolicyNames
{
    public const string Cheapest = "cheapest";
    public const string Cascade = "cascade";
    public const string Gain = "gain";
    public const string FixedPrefix = "fixed:";

    /// <exception cref="ArgumentException">Any other name.</exception>
    public static RoutingPolicy Parse(string name, double? qualityTarget = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name == Cheapest) return new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, qualityTarget);
        if (name == Cascade) return new RoutingPolicy(RoutingPolicyKind.Cascade, qualityTarget);
        if (name == Gain) return new RoutingPolicy(RoutingPolicyKind.Gain, qualityTarget);
        if (name.StartsWith(FixedPrefix, StringComparison.Ordinal) && name.Length > FixedPrefix.Length)
            return new RoutingPolicy(RoutingPolicyKind.Fixed, qualityTarget, name[FixedPrefix.Length..]);
        throw new ArgumentException($"Unknown routing policy '{name}': use {Gain}, {Cheapest}, {Cascade} or {FixedPrefix}<expert id>.", nameof(name));
    }

    /// <summary>The text form of <paramref name="policy"/> (its quality target is not part of the name).</summary>
    public static string Of(RoutingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Kind switch
        {
            RoutingPolicyKind.CheapestAcceptable => Cheapest,
            RoutingPolicyKind.Cascade => Cascade,
            RoutingPolicyKind.Gain => Gain,
            RoutingPolicyKind.Fixed => FixedPrefix + policy.FixedExpert,
            _ => policy.Kind.ToString(),
        };
    }
}
