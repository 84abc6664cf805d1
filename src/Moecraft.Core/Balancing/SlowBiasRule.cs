namespace Moecraft.Balancing;

/// <summary>
/// The slow-bias update (SPEC 3.1), run after each step from that step's statistics only:
/// <c>k_e &lt;- k_e + u * sign(nbar - n_e) + eta * (phi_loo_slow_e - mean_A(phi_loo_slow)) / (std_A(phi_loo_slow) + 1e-6)</c>,
/// then centre <c>k &lt;- k - mean_A(k)</c> and clamp <c>|k_e| &lt;= k_max</c>; inactive slots keep <c>k = 0</c>.
/// <c>nbar</c> is the mean count over active slots. The coherence term is standardised so that it rewards experts
/// that agree with the others more than average, not the dominant ones (a plain <c>phi_slow - tau</c> reinforces collapse).
/// Defaults: <c>u = 0.001</c> (neural MoE; <see cref="LlmRouter"/> has <c>u = 0</c>), <c>eta = 0.01</c>, <c>k_max = 1</c>.
/// <see cref="SpreadFloor"/> is the <c>1e-6</c> added to the standard deviation. The SPEC keeps it tiny; a larger floor
/// stops the standardisation from blowing tiny coherence differences between healthy experts up to unit size (measured
/// on the toy bench: phi_loo spreads of 0.05 between healthy experts then outweigh the load term and pin <c>k</c> at the clamp).
/// </summary>
public sealed record SlowBiasRule(double LoadStep = 0.001, double CoherenceStep = 0.01, double MaxMagnitude = 1.0, double SpreadFloor = 1e-6)
{

    /// <summary>Neural MoE layers: equal load matters, <c>u = 0.001</c>.</summary>
    public static SlowBiasRule Neural { get; } = new();

    /// <summary>LLM routers: the cost policy, not equal load, decides, so <c>u = 0</c>.</summary>
    public static SlowBiasRule LlmRouter { get; } = new(LoadStep: 0);

    /// <summary>
    /// The next coefficients. Active experts without a slow <c>phi_loo</c> reading (NaN) take no coherence term and are
    /// left out of its mean and (population) standard deviation.
    /// </summary>
    /// <exception cref="ArgumentException">Mismatched lengths, negative counts, counts on inactive slots, or non-finite coefficients.</exception>
    public double[] Next(ReadOnlySpan<double> coefficients, ReadOnlySpan<bool> active, ReadOnlySpan<long> counts, ReadOnlySpan<double> slowCoherence)
    {
        Validate();
        var slots = active.Length;
        if (coefficients.Length != slots || counts.Length != slots || slowCoherence.Length != slots)
            throw new ArgumentException(
                $"Expected {slots} coefficients, counts and coherences, got {coefficients.Length}, {counts.Length} and {slowCoherence.Length}.");

        int activeCount = 0, readings = 0;
        double countSum = 0, coherenceSum = 0;
        for (var e = 0; e < slots; e++)
        {
            if (!double.IsFinite(coefficients[e])) throw new ArgumentException($"Coefficient of slot {e} is not finite ({coefficients[e]}).", nameof(coefficients));
            if (counts[e] < 0) throw new ArgumentException($"Count of slot {e} is negative ({counts[e]}).", nameof(counts));
            if (double.IsInfinity(slowCoherence[e])) throw new ArgumentException($"Coherence of slot {e} is infinite.", nameof(slowCoherence));
            if (!active[e])
            {
                if (counts[e] != 0) throw new ArgumentException($"Inactive slot {e} has a count of {counts[e]}.", nameof(counts));
                continue;
            }
            activeCount++;
            countSum += counts[e];
            if (!double.IsNaN(slowCoherence[e]))
            {
                readings++;
                coherenceSum += slowCoherence[e];
            }
        }

        var next = new double[slots];
        if (activeCount == 0) return next;

        var meanCount = countSum / activeCount;
        var meanCoherence = readings == 0 ? 0 : coherenceSum / readings;
        var variance = 0.0;
        for (var e = 0; e < slots; e++)
        {
            if (active[e] && !double.IsNaN(slowCoherence[e])) variance += Math.Pow(slowCoherence[e] - meanCoherence, 2);
        }
        var std = readings == 0 ? 0 : Math.Sqrt(variance / readings);

        for (var e = 0; e < slots; e++)
        {
            if (!active[e]) continue;
            var coherenceTerm = double.IsNaN(slowCoherence[e]) ? 0 : (slowCoherence[e] - meanCoherence) / (std + SpreadFloor);
            next[e] = coefficients[e] + LoadStep * Math.Sign(meanCount - counts[e]) + CoherenceStep * coherenceTerm;
        }

        var meanCoefficient = 0.0;
        for (var e = 0; e < slots; e++) meanCoefficient += active[e] ? next[e] : 0;
        meanCoefficient /= activeCount;
        for (var e = 0; e < slots; e++)
        {
            if (active[e]) next[e] = Math.Clamp(next[e] - meanCoefficient, -MaxMagnitude, MaxMagnitude);
        }
        return next;
    }

    /// <exception cref="ArgumentException">A negative or non-finite step, or a non-positive <c>k_max</c> or spread floor.</exception>
    public void Validate()
    {
        if (!(LoadStep >= 0) || double.IsInfinity(LoadStep)) throw new ArgumentException($"u must be a finite number >= 0, got {LoadStep}.");
        if (!(CoherenceStep >= 0) || double.IsInfinity(CoherenceStep)) throw new ArgumentException($"eta must be a finite number >= 0, got {CoherenceStep}.");
        if (!(MaxMagnitude > 0) || double.IsInfinity(MaxMagnitude)) throw new ArgumentException($"k_max must be a positive finite number, got {MaxMagnitude}.");
        if (!(SpreadFloor > 0) || double.IsInfinity(SpreadFloor)) throw new ArgumentException($"The spread floor must be a positive finite number, got {SpreadFloor}.");
    }
}
