namespace Moecraft.Experts.Replay;

/// <summary>
/// The summary figures of BENCHMARKS 2, computed from a router's swept operating points and the two single-expert
/// routers (always the cheapest expert, always the premium one), which any router can fall back to.
/// Curves are read through their upper monotone envelope (spending more never has to lose quality: a router can
/// ignore the extra budget) and interpolated linearly between envelope points (mixing two settings per request
/// reaches any point between them).
/// </summary>
public static class ReplayMetrics
{
    /// <summary>
    /// APGR, the average performance gap recovered (RouteLLM): <c>integral_0^1 PGR(c) dc</c> with normalised cost
    /// <c>c = (cost - cost_cheapest) / (cost_premium - cost_cheapest)</c> and <c>PGR = (q - q_cheapest) / (q_premium - q_cheapest)</c>.
    /// A random mix of the two experts lies on the diagonal, 0.5; points costing more than always-premium are left out.
    /// </summary>
    /// <exception cref="ArgumentException">Endpoints with no cost gap or no quality gap, or a non-finite point.</exception>
    public static double Apgr(IReadOnlyList<OperatingPoint> points, OperatingPoint cheapest, OperatingPoint premium)
    {
        Validate(points, cheapest, premium);
        var costGap = premium.Cost - cheapest.Cost;
        var qualityGap = premium.Quality - cheapest.Quality;
        if (!(costGap > 0)) throw new ArgumentException($"The premium expert must cost more than the cheapest (gap {costGap}).", nameof(premium));
        if (qualityGap == 0) throw new ArgumentException("The cheapest and premium experts have the same quality: there is no gap to recover.", nameof(premium));

        var normalised = points
            .Select(p => (X: Math.Max(0, (p.Cost - cheapest.Cost) / costGap), Y: (p.Quality - cheapest.Quality) / qualityGap))
            .Where(p => p.X <= 1)
            .Append((X: 0.0, Y: 0.0))
            .Append((X: 1.0, Y: 1.0));
        var envelope = Envelope(normalised);

        var area = 0.0;
        for (var i = 1; i < envelope.Count; i++)
            area += (envelope[i].X - envelope[i - 1].X) * (envelope[i].Y + envelope[i - 1].Y) / 2;
        return area + (1 - envelope[^1].X) * envelope[^1].Y;   // flat after the best point
    }

    /// <summary>
    /// The smallest share of premium calls at which the router reaches <paramref name="requiredQuality"/> (BENCHMARKS 2 uses
    /// 95% of the best single expert's quality); null when even the envelope's best point falls short.
    /// </summary>
    /// <exception cref="ArgumentException">A non-finite point or required quality.</exception>
    public static double? PremiumShareToReach(IReadOnlyList<OperatingPoint> points, OperatingPoint cheapest, OperatingPoint premium, double requiredQuality)
    {
        Validate(points, cheapest, premium);
        if (!double.IsFinite(requiredQuality)) throw new ArgumentException($"The required quality must be finite, got {requiredQuality}.", nameof(requiredQuality));

        var envelope = Envelope(points
            .Select(p => (X: p.PremiumShare, Y: p.Quality))
            .Append((X: 0.0, Y: cheapest.Quality))
            .Append((X: 1.0, Y: premium.Quality)));
        for (var i = 0; i < envelope.Count; i++)
        {
            if (envelope[i].Y < requiredQuality) continue;
            if (i == 0) return envelope[0].X;
            var (x0, y0) = envelope[i - 1];
            var (x1, y1) = envelope[i];
            return x0 + (requiredQuality - y0) / (y1 - y0) * (x1 - x0);
        }
        return null;
    }

    /// <summary>Points sorted by x keeping only those better than every cheaper one.</summary>
    private static List<(double X, double Y)> Envelope(IEnumerable<(double X, double Y)> points)
    {
        var envelope = new List<(double X, double Y)>();
        foreach (var point in points.OrderBy(p => p.X).ThenByDescending(p => p.Y))
        {
            if (envelope.Count == 0 || point.Y > envelope[^1].Y) envelope.Add(point);
        }
        return envelope;
    }

    private static void Validate(IReadOnlyList<OperatingPoint> points, OperatingPoint cheapest, OperatingPoint premium)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(cheapest);
        ArgumentNullException.ThrowIfNull(premium);
        foreach (var point in points.Append(cheapest).Append(premium))
        {
            if (point is null) throw new ArgumentException("An operating point is null.", nameof(points));
            if (!double.IsFinite(point.Cost) || !double.IsFinite(point.PremiumShare) || !double.IsFinite(point.Quality))
                throw new ArgumentException($"Operating point {point} has a non-finite value.", nameof(points));
            if (point.PremiumShare is < 0 or > 1) throw new ArgumentException($"Operating point {point} has a premium share outside [0, 1].", nameof(points));
        }
    }
}
