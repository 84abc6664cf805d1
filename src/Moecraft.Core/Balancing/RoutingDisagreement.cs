namespace Moecraft.Balancing;

/// <summary>
/// Disagreement between <c>p_clean = softmax(z_clean / T)</c> and <c>p_biased = softmax(z_biased / T)</c> (SPEC 3.1):
/// <c>JS = KL(p || m) / 2 + KL(q || m) / 2</c> with <c>m = (p + q) / 2</c> and natural logs;
/// top-1 flip <c>argmax p != argmax q</c>; top-k set change <c>1 - |S_clean &amp; S_biased| / k</c>;
/// overlap-only mass <c>m = sum_e max(0, q_e - p_e)</c>, which equals the total variation <c>sum_e |q_e - p_e| / 2</c>
/// because both sum to one. JS and TV are linked, so they are reported together rather than as separate alarms.
/// Ties in a top-k go to the lowest slot, as in <see cref="Gating.TopKGate"/>.
/// </summary>
public static class RoutingDisagreement
{
    // Sampled rows come from float softmaxes; a looser tolerance than double precision avoids false rejections.
    private const double SumTolerance = 1e-3;

    /// <exception cref="ArgumentException">Mismatched lengths, a k outside [1, E], or rows that are not probability distributions.</exception>
    public static DisagreementSample Measure(ReadOnlySpan<double> clean, ReadOnlySpan<double> biased, int k)
    {
        if (clean.Length != biased.Length)
            throw new ArgumentException($"Distributions differ in length: {clean.Length} and {biased.Length}.", nameof(biased));
        if (k < 1 || k > clean.Length)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, {clean.Length}].");
        RequireDistribution(clean, nameof(clean));
        RequireDistribution(biased, nameof(biased));

        double js = 0, overlap = 0;
        for (var e = 0; e < clean.Length; e++)
        {
            var mid = (clean[e] + biased[e]) / 2;
            if (clean[e] > 0) js += clean[e] * Math.Log(clean[e] / mid) / 2;
            if (biased[e] > 0) js += biased[e] * Math.Log(biased[e] / mid) / 2;
            overlap += Math.Max(0, biased[e] - clean[e]);
        }

        var cleanTop = TopK(clean, k);
        var biasedTop = TopK(biased, k);
        var shared = cleanTop.Intersect(biasedTop).Count();
        return new DisagreementSample(Math.Max(0, js), cleanTop[0] != biasedTop[0], 1.0 - (double)shared / k, overlap);
    }

    /// <summary>Means over sampled rows, each row <c>E</c> long, row-major (<c>S * E</c> values per matrix).</summary>
    /// <exception cref="ArgumentException">No rows, lengths that are not <c>S * E</c>, or any bad row.</exception>
    public static DisagreementSummary Summarise(ReadOnlySpan<double> cleanRows, ReadOnlySpan<double> biasedRows, int slots, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        if (cleanRows.Length != biasedRows.Length)
            throw new ArgumentException($"Clean and biased samples differ in length: {cleanRows.Length} and {biasedRows.Length}.", nameof(biasedRows));
        if (cleanRows.Length == 0 || cleanRows.Length % slots != 0)
            throw new ArgumentException($"Sampled rows must be a non-empty multiple of {slots} values, got {cleanRows.Length}.", nameof(cleanRows));

        var samples = cleanRows.Length / slots;
        double js = 0, flips = 0, setChange = 0, overlap = 0;
        for (var s = 0; s < samples; s++)
        {
            var sample = Measure(cleanRows.Slice(s * slots, slots), biasedRows.Slice(s * slots, slots), k);
            js += sample.JensenShannon;
            flips += sample.Top1Flipped ? 1 : 0;
            setChange += sample.TopKSetChange;
            overlap += sample.OverlapMass;
        }
        return new DisagreementSummary(samples, js / samples, flips / samples, setChange / samples, overlap / samples);
    }

    private static int[] TopK(ReadOnlySpan<double> p, int k)
    {
        var chosen = new bool[p.Length];
        var top = new int[k];
        for (var i = 0; i < k; i++)
        {
            var best = -1;
            for (var e = 0; e < p.Length; e++)
            {
                if (!chosen[e] && (best < 0 || p[e] > p[best])) best = e;
            }
            chosen[best] = true;
            top[i] = best;
        }
        return top;
    }

    private static void RequireDistribution(ReadOnlySpan<double> p, string name)
    {
        var sum = 0.0;
        foreach (var v in p)
        {
            if (!double.IsFinite(v) || v < 0) throw new ArgumentException($"{name} holds {v}: probabilities must be finite and >= 0.", name);
            sum += v;
        }
        if (Math.Abs(sum - 1) > SumTolerance) throw new ArgumentException($"{name} sums to {sum}, not 1.", name);
    }
}
