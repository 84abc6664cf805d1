namespace Moecraft.Benchmarks.Gateway;

/// <summary>One measurement's figures: completed and failed requests, wall time, and latency percentiles in milliseconds.</summary>
internal sealed record LatencyFigures(int Concurrency, int Completed, int Errors, double WallSeconds, double P50, double P95, double P99, string? FirstError)
{
    public double RequestsPerSecond => WallSeconds > 0 ? Completed / WallSeconds : 0;

    /// <summary>Nearest-rank percentiles over the successful requests' latencies (Stopwatch ticks).</summary>
    public static LatencyFigures From(int concurrency, long[] ticks, int errors, TimeSpan wall, string? firstError)
    {
        Array.Sort(ticks);
        double Percentile(double p) =>
            ticks.Length == 0 ? double.NaN : ticks[Math.Clamp((int)Math.Ceiling(p * ticks.Length) - 1, 0, ticks.Length - 1)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        return new LatencyFigures(concurrency, ticks.Length, errors, wall.TotalSeconds, Percentile(0.50), Percentile(0.95), Percentile(0.99), firstError);
    }
}
