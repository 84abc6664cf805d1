namespace Moecraft.Coherence;

/// <summary>
/// Exponential moving average with a half-life in steps (SPEC 3.3):
/// <c>alpha = 1 - 2^(-1/h)</c>, <c>v &lt;- v + alpha (x - v)</c>, and the first sample initialises.
/// NaN stands for "no sample yet", so an EMA persists as a single plain <see cref="double"/>.
/// </summary>
public static class HalfLifeEma
{
    /// <summary>After <paramref name="halfLife"/> steps of a constant input the average has covered half the gap.</summary>
    public static double Alpha(double halfLife)
    {
        if (!(halfLife > 0) || double.IsInfinity(halfLife))
            throw new ArgumentOutOfRangeException(nameof(halfLife), halfLife, "A half-life must be a positive finite number of steps.");
        return 1.0 - Math.Pow(2.0, -1.0 / halfLife);
    }

    /// <summary>The average after one more sample; <paramref name="current"/> NaN means this is the first sample.</summary>
    public static double Update(double current, double sample, double alpha)
    {
        if (!double.IsFinite(sample)) throw new ArgumentException($"An EMA sample must be finite, got {sample}.", nameof(sample));
        if (!(alpha > 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in (0, 1].");
        return double.IsNaN(current) ? sample : current + alpha * (sample - current);
    }
}
