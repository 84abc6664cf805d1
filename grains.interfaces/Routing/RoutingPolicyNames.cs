namespace Moecraft.Routing;

/// <summary>
/// The text form of a routing policy, as a tenant's settings and the CLI name it: <c>gain</c>, <c>cheapest</c>, <c>cascade</c>,
/// <c>cascade:&lt;n&gt;</c> (a cascade whose first stage answers n times, 2 to <see cref="RoutingPolicy.MaxConsistencySamples"/>,
/// and escalates when the answers disagree: <see cref="RoutingPolicy.ConsistencySamples"/>), or <c>fixed:&lt;expert id&gt;</c>.
/// </summary>
public static class RoutingPolicyNames
{
    public const string Cheapest = "cheapest";
    public const string Cascade = "cascade";
    public const string Gain = "gain";
    public const string FixedPrefix = "fixed:";
    public const string ConsistentCascadePrefix = "cascade:";

    /// <exception cref="ArgumentException">Any other name.</exception>
    public static RoutingPolicy Parse(string name, double? qualityTarget = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name == Cheapest) return new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, qualityTarget);
        if (name == Cascade) return new RoutingPolicy(RoutingPolicyKind.Cascade, qualityTarget);
        if (name == Gain) return new RoutingPolicy(RoutingPolicyKind.Gain, qualityTarget);
        if (name.StartsWith(ConsistentCascadePrefix, StringComparison.Ordinal))
        {
            var samples = name[ConsistentCascadePrefix.Length..];
            return samples.Length == 1 && samples[0] is >= '2' and <= (char)('0' + RoutingPolicy.MaxConsistencySamples)
                ? new RoutingPolicy(RoutingPolicyKind.Cascade, qualityTarget, ConsistencySamples: samples[0] - '0')
                : throw new ArgumentException(
                    $"'{name}': a consistent cascade names how many answers its first stage gives, {ConsistentCascadePrefix}2 to {ConsistentCascadePrefix}{RoutingPolicy.MaxConsistencySamples}.", nameof(name));
        }
        if (name.StartsWith(FixedPrefix, StringComparison.Ordinal) && name.Length > FixedPrefix.Length)
            return new RoutingPolicy(RoutingPolicyKind.Fixed, qualityTarget, name[FixedPrefix.Length..]);
        throw new ArgumentException($"Unknown routing policy '{name}': use {Gain}, {Cheapest}, {Cascade}, {ConsistentCascadePrefix}<answers> or {FixedPrefix}<expert id>.", nameof(name));
    }

    /// <summary>The text form of <paramref name="policy"/> (its quality target is not part of the name).</summary>
    public static string Of(RoutingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Kind switch
        {
            RoutingPolicyKind.CheapestAcceptable => Cheapest,
            RoutingPolicyKind.Cascade => policy.ConsistencySamples > 1 ? ConsistentCascadePrefix + policy.ConsistencySamples.ToString(System.Globalization.CultureInfo.InvariantCulture) : Cascade,
            RoutingPolicyKind.Gain => Gain,
            RoutingPolicyKind.Fixed => FixedPrefix + policy.FixedExpert,
            _ => policy.Kind.ToString(),
        };
    }
}
