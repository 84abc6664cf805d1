namespace Moecraft.Api.Management;

/// <summary>Nearest-rank percentiles of a sample of latencies (milliseconds); null when the sample is empty.</summary>
public sealed record LatencyPercentiles(int Samples, long? P50, long? P90, long? P99, long? Max)
{
    public static LatencyPercentiles Of(IEnumerable<long> latencies)
    {
        var sorted = latencies.Order().ToArray();
        if (sorted.Length == 0) return new(0, null, null, null, null);
        return new(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    // Nearest rank: the smallest value with at least p of the sample at or below it.
    private static long Rank(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
