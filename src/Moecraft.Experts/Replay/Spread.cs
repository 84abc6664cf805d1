namespace Moecraft.Experts.Replay;

/// <summary>
/// A figure measured over several seeds: mean, sample standard deviation (0 for one value), smallest and largest, and how
/// many runs gave no value (a premium share never reached). The mean and spread are over the runs that gave one.
/// </summary>
public sealed record Spread(double Mean, double StandardDeviation, double Min, double Max, int Count, int Missing)
{
    /// <summary>The spread of the values that are present; null when none is.</summary>
    /// <exception cref="ArgumentException">A non-finite value.</exception>
    public static Spread? Of(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var all = values.ToArray();
        var present = all.Where(v => v is not null).Select(v => v!.Value).ToArray();
        if (present.Any(v => !double.IsFinite(v))) throw new ArgumentException("A spread needs finite values.", nameof(values));
        if (present.Length == 0) return null;
        var mean = present.Average();
        var variance = present.Length < 2 ? 0 : present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1);
        return new Spread(mean, Math.Sqrt(variance), present.Min(), present.Max(), present.Length, all.Length - present.Length);
    }

    /// <inheritdoc cref="Of(IEnumerable{double?})"/>
    public static Spread? Of(IEnumerable<double> values) => Of(values.Select(v => (double?)v));
}
