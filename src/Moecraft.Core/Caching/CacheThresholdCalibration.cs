namespace Moecraft.Caching;

/// <summary>
/// Chooses the surrogate cache's cosine threshold for an embedder from its <see cref="CacheProbe"/> (SPEC 4.3): with the
/// lexical guard on, the threshold on a grid that maximises <c>paraphrase hit rate - w * false-hit rate</c>. A false hit
/// serves another question's answer, a missed paraphrase costs one model call: <c>w = 5</c> counts one false hit as five
/// missed paraphrases (ties go to the higher threshold). Cosines of different embedders are not comparable, so each
/// embedder gets its own threshold.
/// </summary>
public static class CacheThresholdCalibration
{
    public const double DefaultFalseHitWeight = 5;

    /// <summary>0.80 to 0.99 in steps of 0.01.</summary>
    public static IReadOnlyList<double> DefaultGrid { get; } = [.. Enumerable.Range(80, 20).Select(p => p / 100.0)];

    /// <summary>The guarded result at the chosen threshold, and every guarded result on the grid in grid order.</summary>
    public static (CacheProbeResult Chosen, IReadOnlyList<CacheProbeResult> Grid) Calibrate(
        CacheProbe probe, IEnumerable<double>? grid = null, double falseHitWeight = DefaultFalseHitWeight)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentOutOfRangeException.ThrowIfNegative(falseHitWeight);
        var results = (grid ?? DefaultGrid).Order().Select(t => probe.Measure(t, lexicalGuard: true)).ToList();
        if (results.Count == 0) throw new ArgumentException("The grid holds no threshold.", nameof(grid));
        var chosen = results[0];
        foreach (var result in results.Skip(1))
            if (Score(result, falseHitWeight) >= Score(chosen, falseHitWeight)) chosen = result;
        return (chosen, results);
    }

    /// <summary><c>paraphrase hit rate - w * false-hit rate</c>.</summary>
    public static double Score(CacheProbeResult result, double falseHitWeight = DefaultFalseHitWeight)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.ParaphraseHitRate - falseHitWeight * result.FalseHitRate;
    }
}
