using Moecraft.Balancing;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// The toy bench's formulas (BENCHMARKS 1), each with the text the report prints beside its figure. Load figures go
/// through <see cref="LoadBalance"/>, the same code the router layer uses, with every expert active.
/// </summary>
internal static class ToyBenchMetrics
{
    /// <summary>MaxVio_batch is also reported per window of this many steps, to show a collapse and its recovery.</summary>
    public const int WindowSteps = 100;

    public const double StarvedBelowShareOfMean = 0.1;

    public static readonly (string Name, string Formula)[] Formulas =
    [
        ("val loss", "mean cross-entropy on the 40 fixed validation batches of 32 x 64 (seed 42), nats/char"),
        ("MaxVio_global", "max_i c_i / mean_i c_i - 1, c_i = validation tokens routed to expert i"),
        ("MaxVio_batch", "mean over the last 200 steps of max_i n_i / mean_i n_i - 1, n_i = batch tokens routed to expert i"),
        ("Neff", "exp(H) = exp(-sum_i p_i ln p_i), p_i = c_i / sum_j c_j (8 = uniform, 1 = all on one)"),
        ("dead", "experts with c_i = 0"),
        ("starved", "experts with c_i < 0.1 mean_j c_j (dead included)"),
        ("top1 flip", "share of sampled tokens with argmax p_clean != argmax p_biased (p = softmax(z), p_biased = softmax(z + beta)); mean over steps"),
        ("topk chg", "1 - |S_clean & S_biased| / k on the sampled tokens; mean over steps"),
        ("JS", "JS(p_clean, p_biased) = KL(p||m)/2 + KL(q||m)/2, m = (p+q)/2, nats; mean over steps"),
        ("TV", "sum_e max(0, p_biased_e - p_clean_e) = total variation; mean over steps"),
        ("phi", "cos(mean_{T_e} y_e, mean_{T_e} y_mix), slow clock (EMA, half-life 1,000 steps by the SPEC, 250 in the calibrated profile)"),
        ("phi_loo", "cos(mean_{T_e} y_e, mean_{T_e} (y_mix - g_e y_e)), slow clock; fast clock = half-life 10"),
        ("s/step", "median over steps of forward + backward + clip + AdamW seconds"),
        ("overhead", "median controller seconds (router layer grain calls incl. their SQLite writes, or the loss-free rule) / median step seconds; math = the same engine run locally on the same traces"),
    ];

    /// <summary><c>max_i c_i / mean_i c_i - 1</c>; 0 when nothing was routed.</summary>
    public static double MaxViolation(IReadOnlyList<long> counts) => Load(counts).MaxViolation;

    /// <summary><c>exp(H)</c> of the load distribution.</summary>
    public static double EffectiveExperts(IReadOnlyList<long> counts) => Load(counts).EffectiveExperts;

    public static int[] Dead(IReadOnlyList<long> counts) => [.. Enumerable.Range(0, counts.Count).Where(e => counts[e] == 0)];

    public static int[] Starved(IReadOnlyList<long> counts)
    {
        var mean = counts.Average();
        return [.. Enumerable.Range(0, counts.Count).Where(e => counts[e] < StarvedBelowShareOfMean * mean)];
    }

    public static double MeanOfLast(IReadOnlyList<double> series, int count) =>
        series.Count == 0 ? 0 : series.Skip(Math.Max(0, series.Count - count)).Average();

    /// <summary>Means of consecutive windows of <see cref="WindowSteps"/> (the last one may be shorter).</summary>
    public static double[] WindowMeans(IReadOnlyList<double> series) =>
        [.. series.Chunk(WindowSteps).Select(window => window.Average())];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static LoadMetrics Load(IReadOnlyList<long> counts)
    {
        var shares = counts.Select(c => (double)c).ToArray();
        return LoadBalance.FromShares(shares, Enumerable.Repeat(true, shares.Length).ToArray());
    }
}
