namespace Moecraft.Experts.Replay;

/// <summary>
/// The length-only baseline of BENCHMARKS 2: the premium expert answers the longest prompts, the cheapest the rest. At
/// premium share <c>s</c> exactly <c>round(s n)</c> of the <c>n</c> prompts go to premium, the longest first (ties by
/// position), so the rule's curve has no threshold noise. A learned router must beat it clearly.
/// </summary>
public static class LengthOnlyRule
{
    /// <summary>Per prompt, whether it goes to the premium expert at <paramref name="premiumShare"/>.</summary>
    /// <exception cref="ArgumentException">A share outside [0, 1] or a negative length.</exception>
    public static bool[] Premium(IReadOnlyList<int> lengths, double premiumShare)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (!(premiumShare >= 0 && premiumShare <= 1))
            throw new ArgumentException($"A premium share must be in [0, 1], got {premiumShare}.", nameof(premiumShare));
        if (lengths.Any(l => l < 0)) throw new ArgumentException("A prompt length cannot be negative.", nameof(lengths));
        var premium = new bool[lengths.Count];
        var count = (int)Math.Round(premiumShare * lengths.Count, MidpointRounding.AwayFromZero);
        foreach (var index in Enumerable.Range(0, lengths.Count).OrderByDescending(i => lengths[i]).ThenBy(i => i).Take(count))
            premium[index] = true;
        return premium;
    }
}
