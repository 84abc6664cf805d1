namespace Moecraft.Coherence;

/// <summary>
/// The degrading alarm (SPEC 3.3): <c>delta_phi = phi_loo_fast - phi_loo_slow</c>; an expert is degrading when
/// <c>delta_phi &lt; Threshold</c> (default -0.01) for <see cref="ConsecutiveSteps"/> (default 3) consecutive steps.
/// The streak is a per-expert counter so it persists as a plain <c>int[]</c>.
/// </summary>
public sealed record DegradingRule(double Threshold = -0.01, int ConsecutiveSteps = 3)
{
    public static double DeltaPhi(double fast, double slow) => fast - slow;

    /// <summary>The streak after a step with a reading: one longer while below the threshold, else back to zero.</summary>
    public int NextStreak(int streak, double deltaPhi)
    {
        if (streak < 0) throw new ArgumentException($"A streak cannot be negative ({streak}).", nameof(streak));
        if (double.IsNaN(deltaPhi)) throw new ArgumentException("delta_phi is NaN: the expert has no reading.", nameof(deltaPhi));
        return deltaPhi < Threshold ? (streak == int.MaxValue ? streak : streak + 1) : 0;
    }

    public bool IsDegrading(int streak) => streak >= ConsecutiveSteps;

    /// <exception cref="ArgumentException">A non-finite threshold or fewer than one step.</exception>
    public void Validate()
    {
        if (!double.IsFinite(Threshold)) throw new ArgumentException($"Degrading threshold must be finite, got {Threshold}.");
        if (ConsecutiveSteps < 1) throw new ArgumentException($"Degrading needs at least one step, got {ConsecutiveSteps}.");
    }
}
