namespace Moecraft.Balancing;

/// <summary>
/// Load metrics (SPEC 3.4) from load shares <c>L_e = n_e / (k T)</c> over the active set <c>A</c>:
/// <c>Neff = exp(-sum_e p_e ln p_e)</c> with <c>p = L / sum_A L</c> (uniform over 8 gives 8, all on one gives 1),
/// <c>saturation = |A| * max_A L_e</c> (1 when balanced), and <c>MaxVio = (max_A L_e - mean_A L) / mean_A L</c>,
/// which equals the count form because <c>L</c> is proportional to <c>n</c>.
/// With no load at all the metrics are all 0 (<see cref="LoadMetrics.None"/>).
/// </summary>
public static class LoadBalance
{
    /// <summary><c>L_e = n_e / (k T)</c>.</summary>
    /// <exception cref="ArgumentException">Non-positive <c>k</c> or <c>T</c>, or a negative count.</exception>
    public static double[] Shares(ReadOnlySpan<long> counts, int topK, int units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        var shares = new double[counts.Length];
        for (var e = 0; e < shares.Length; e++)
        {
            if (counts[e] < 0) throw new ArgumentException($"Count of slot {e} is negative ({counts[e]}).", nameof(counts));
            shares[e] = counts[e] / ((double)topK * units);
        }
        return shares;
    }

    public static LoadMetrics FromCounts(ReadOnlySpan<long> counts, ReadOnlySpan<bool> active, int topK, int units) =>
        FromShares(Shares(counts, topK, units), active);

    /// <summary>Metrics over the active slots; NaN shares (no sample yet) count as zero load.</summary>
    /// <exception cref="ArgumentException">Mismatched lengths, or negative or infinite shares.</exception>
    public static LoadMetrics FromShares(ReadOnlySpan<double> shares, ReadOnlySpan<bool> active)
    {
        if (shares.Length != active.Length)
            throw new ArgumentException($"{shares.Length} shares for {active.Length} slots.", nameof(shares));

        int activeCount = 0;
        double total = 0, max = 0;
        for (var e = 0; e < shares.Length; e++)
        {
            if (shares[e] < 0 || double.IsInfinity(shares[e]))
                throw new ArgumentException($"Share of slot {e} must be a finite number >= 0, got {shares[e]}.", nameof(shares));
            if (!active[e]) continue;
            activeCount++;
            var share = double.IsNaN(shares[e]) ? 0 : shares[e];
            total += share;
            max = Math.Max(max, share);
        }
        if (activeCount == 0 || total == 0) return LoadMetrics.None;

        var entropy = 0.0;
        for (var e = 0; e < shares.Length; e++)
        {
            if (!active[e] || double.IsNaN(shares[e]) || shares[e] == 0) continue;
            var p = shares[e] / total;
            entropy -= p * Math.Log(p);
        }
        var mean = total / activeCount;
        return new LoadMetrics(Math.Exp(entropy), activeCount * max, (max - mean) / mean);
    }
}
