namespace Moecraft.Experts.Replay;

/// <summary>
/// The random router of BENCHMARKS 2 computed exactly: a router that sends each request to the premium expert with
/// probability <c>p</c> and to the cheapest otherwise has expected cost, premium share and quality on the straight line
/// between the two single-expert points. Sampling it instead gives one noisy draw per seed (on 660 items the share needed
/// for 95% ranged 66-81% across seeds against 77% exactly), so the exact line is the baseline and a sampled router is
/// reported beside it with its spread.
/// </summary>
public static class RandomMixBaseline
{
    /// <summary>The expected operating point of the mix that calls the premium expert with probability <paramref name="premiumProbability"/>.</summary>
    /// <exception cref="ArgumentException">A probability outside [0, 1].</exception>
    public static OperatingPoint At(OperatingPoint cheapest, OperatingPoint premium, double premiumProbability)
    {
        ArgumentNullException.ThrowIfNull(cheapest);
        ArgumentNullException.ThrowIfNull(premium);
        if (!(premiumProbability >= 0 && premiumProbability <= 1))
            throw new ArgumentException($"A premium probability must be in [0, 1], got {premiumProbability}.", nameof(premiumProbability));
        var p = premiumProbability;
        return new OperatingPoint(
            (1 - p) * cheapest.Cost + p * premium.Cost,
            (1 - p) * cheapest.PremiumShare + p * premium.PremiumShare,
            (1 - p) * cheapest.Quality + p * premium.Quality);
    }

    /// <summary>The line at <paramref name="steps"/> + 1 evenly spaced probabilities, 0 and 1 included.</summary>
    /// <exception cref="ArgumentException">Fewer than one step.</exception>
    public static IReadOnlyList<OperatingPoint> Line(OperatingPoint cheapest, OperatingPoint premium, int steps)
    {
        if (steps < 1) throw new ArgumentException($"The line needs at least one step, got {steps}.", nameof(steps));
        return [.. Enumerable.Range(0, steps + 1).Select(k => At(cheapest, premium, (double)k / steps))];
    }

    /// <summary>
    /// The premium share the mix needs to reach <paramref name="requiredQuality"/>: <c>(q - q_cheapest) / (q_premium - q_cheapest)</c>,
    /// 0 when the cheapest expert already reaches it, null when neither the premium expert nor the cheapest does.
    /// </summary>
    public static double? PremiumShareToReach(OperatingPoint cheapest, OperatingPoint premium, double requiredQuality)
    {
        ArgumentNullException.ThrowIfNull(cheapest);
        ArgumentNullException.ThrowIfNull(premium);
        if (cheapest.Quality >= requiredQuality) return 0;
        if (premium.Quality < requiredQuality) return null;
        return (requiredQuality - cheapest.Quality) / (premium.Quality - cheapest.Quality);
    }
}
