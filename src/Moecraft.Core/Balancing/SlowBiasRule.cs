namespace Moecraft.Balancing;

/// <summary>
/// The slow-bias updates (SPEC 3.1), run after each step from that step's statistics only. The bias has two parts with
/// two jobs, updated separately:
/// <list type="bullet">
/// <item>the <b>load</b> part <c>b</c> (<see cref="NextLoadBias"/>): <c>b_e &lt;- b_e + u * sign(nbar - n_e)</c>, centred over
/// the active slots; in logit units, not scaled, not capped and not vetoed: exactly DeepSeek-V3's loss-free balancing;</item>
/// <item>the <b>coherence</b> coefficients <c>k</c> (<see cref="NextCoherenceCoefficients"/>):
/// <c>k_e &lt;- k_e + eta * (phi_loo_slow_e - mean_A(phi_loo_slow)) / (std_A(phi_loo_slow) + floor)</c>, centred and clamped
/// <c>|k_e| &lt;= k_max</c>; <see cref="ScaleFreeBias"/> turns them into <c>beta = r k s</c>, bounded by <c>k_max s</c> and
/// damped by the bridge detector.</item>
/// </list>
/// Inactive slots stay 0; <c>nbar</c> is the mean count over active slots. The coherence term is standardised so that it
/// rewards experts that agree with the others more than average, not the dominant ones (a plain <c>phi_slow - tau</c>
/// reinforces collapse). Defaults: <c>u = 0.001</c> (neural MoE; <see cref="LlmRouter"/> has <c>u = 0</c>),
/// <c>eta = 0.01</c>, <c>k_max = 1</c>. <see cref="SpreadFloor"/> is the <c>1e-6</c> added to the standard deviation; a
/// larger floor stops the standardisation from blowing tiny coherence differences between healthy experts up to unit size.
/// </summary>
public sealed record SlowBiasRule(double LoadStep = 0.001, double CoherenceStep = 0.01, double MaxMagnitude = 1.0, double SpreadFloor = 1e-6)
{
    /// <summary>Neural MoE layers: equal load matters, <c>u = 0.001</c>.</summary>
    public static SlowBiasRule Neural { get; } = new();

    /// <summary>LLM routers: the cost policy, not equal load, decides, so <c>u = 0</c>.</summary>
    public static SlowBiasRule LlmRouter { get; } = new(LoadStep: 0);

    /// <summary>The next load bias <c>b</c>: one sign step towards the mean count, then centred over the active slots.</summary>
    /// <exception cref="ArgumentException">Mismatched lengths, negative counts, counts on inactive slots, or a non-finite bias.</exception>
    public double[] NextLoadBias(ReadOnlySpan<double> loadBias, ReadOnlySpan<bool> active, ReadOnlySpan<long> counts)
    {
        Validate();
        var meanCount = MeanActiveCount(loadBias, active, counts, out var activeCount);
        var next = new double[active.Length];
        if (activeCount == 0) return next;
        for (var e = 0; e < next.Length; e++)
        {
            if (active[e]) next[e] = loadBias[e] + LoadStep * Math.Sign(meanCount - counts[e]);
        }
        Centre(next, active, activeCount, double.PositiveInfinity);
        return next;
    }

    /// <summary>
    /// The next coherence coefficients <c>k</c>. Active experts without a slow <c>phi_loo</c> reading (NaN) take no
    /// coherence term and are left out of its mean and (population) standard deviation.
    /// </summary>
    /// <exception cref="ArgumentException">Mismatched lengths, negative counts, counts on inactive slots, or non-finite coefficients.</exception>
    public double[] NextCoherenceCoefficients(
        ReadOnlySpan<double> coefficients, ReadOnlySpan<bool> active, ReadOnlySpan<long> counts, ReadOnlySpan<double> slowCoherence)
    {
        Validate();
        if (slowCoherence.Length != active.Length)
            throw new ArgumentException($"Expected {active.Length} coherences, got {slowCoherence.Length}.", nameof(slowCoherence));
        MeanActiveCount(coefficients, active, counts, out var activeCount);
        var next = new double[active.Length];
        if (activeCount == 0) return next;

        int readings = 0;
        double coherenceSum = 0;
        for (var e = 0; e < active.Length; e++)
        {
            if (double.IsInfinity(slowCoherence[e])) throw new ArgumentException($"Coherence of slot {e} is infinite.", nameof(slowCoherence));
            if (!active[e] || double.IsNaN(slowCoherence[e])) continue;
            readings++;
            coherenceSum += slowCoherence[e];
        }
        var meanCoherence = readings == 0 ? 0 : coherenceSum / readings;
        var variance = 0.0;
        for (var e = 0; e < active.Length; e++)
        {
            if (active[e] && !double.IsNaN(slowCoherence[e])) variance += Math.Pow(slowCoherence[e] - meanCoherence, 2);
        }
        var std = readings == 0 ? 0 : Math.Sqrt(variance / readings);

        for (var e = 0; e < next.Length; e++)
        {
            if (!active[e]) continue;
            var coherenceTerm = double.IsNaN(slowCoherence[e]) ? 0 : (slowCoherence[e] - meanCoherence) / (std + SpreadFloor);
            next[e] = coefficients[e] + CoherenceStep * coherenceTerm;
        }
        Centre(next, active, activeCount, MaxMagnitude);
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

    /// <summary>Checks one bias vector against the mask and counts; returns <c>nbar</c>, the mean count over active slots.</summary>
    private static double MeanActiveCount(ReadOnlySpan<double> values, ReadOnlySpan<bool> active, ReadOnlySpan<long> counts, out int activeCount)
    {
        var slots = active.Length;
        if (values.Length != slots || counts.Length != slots)
            throw new ArgumentException($"Expected {slots} bias values and counts, got {values.Length} and {counts.Length}.");
        activeCount = 0;
        double countSum = 0;
        for (var e = 0; e < slots; e++)
        {
            if (!double.IsFinite(values[e])) throw new ArgumentException($"Bias of slot {e} is not finite ({values[e]}).", nameof(values));
            if (counts[e] < 0) throw new ArgumentException($"Count of slot {e} is negative ({counts[e]}).", nameof(counts));
            if (!active[e])
            {
                if (counts[e] != 0) throw new ArgumentException($"Inactive slot {e} has a count of {counts[e]}.", nameof(counts));
                continue;
            }
            activeCount++;
            countSum += counts[e];
        }
        return activeCount == 0 ? 0 : countSum / activeCount;
    }

    /// <summary>Subtracts the active mean, then clamps to <c>|v| &lt;= limit</c>; inactive slots stay 0.</summary>
    private static void Centre(double[] values, ReadOnlySpan<bool> active, int activeCount, double limit)
    {
        var mean = 0.0;
        for (var e = 0; e < values.Length; e++) mean += active[e] ? values[e] : 0;
        mean /= activeCount;
        for (var e = 0; e < values.Length; e++)
        {
            if (active[e]) values[e] = Math.Clamp(values[e] - mean, -limit, limit);
        }
    }
}
