namespace Moecraft.Experts.Replay;

/// <summary>
/// How well predicted probabilities match observed outcomes (scores in [0, 1]): the Brier score
/// <c>mean (p - y)^2</c>, and the expected calibration error over equal-width bins,
/// <c>ECE = sum_b (n_b / n) |mean p_b - mean y_b|</c> (0 = perfectly calibrated).
/// </summary>
public sealed record Calibration(double Brier, double ExpectedCalibrationError, int Count)
{
    public const int DefaultBins = 10;

    /// <exception cref="ArgumentException">No pairs, a probability or outcome outside [0, 1], or fewer than one bin.</exception>
    public static Calibration Of(IReadOnlyList<(double Predicted, double Observed)> pairs, int bins = DefaultBins)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) throw new ArgumentException("Calibration needs at least one prediction.", nameof(pairs));
        if (bins < 1) throw new ArgumentException($"Calibration needs at least one bin, got {bins}.", nameof(bins));
        var sums = new (double Predicted, double Observed, int Count)[bins];
        double brier = 0;
        foreach (var (p, y) in pairs)
        {
            if (!(p >= 0 && p <= 1) || !(y >= 0 && y <= 1))
                throw new ArgumentException($"Predictions and outcomes must be in [0, 1], got ({p}, {y}).", nameof(pairs));
            brier += (p - y) * (p - y);
            var bin = Math.Min(bins - 1, (int)(p * bins));
            sums[bin] = (sums[bin].Predicted + p, sums[bin].Observed + y, sums[bin].Count + 1);
        }
        var ece = sums.Where(s => s.Count > 0).Sum(s => Math.Abs(s.Predicted - s.Observed) / pairs.Count);
        return new Calibration(brier / pairs.Count, ece, pairs.Count);
    }
}
