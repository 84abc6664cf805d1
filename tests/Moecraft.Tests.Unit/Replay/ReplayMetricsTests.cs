using Moecraft.Experts.Replay;

namespace Moecraft.Tests.Replay;

public sealed class ReplayMetricsTests
{
    // Cheapest alone: cost 1, quality 0.5; premium alone: cost 3, quality 0.9. Normalised cost c = (cost - 1) / 2, PGR = (q - 0.5) / 0.4.
    private static readonly OperatingPoint Cheapest = new(Cost: 1, PremiumShare: 0, Quality: 0.5);
    private static readonly OperatingPoint Premium = new(Cost: 3, PremiumShare: 1, Quality: 0.9);

    [Fact]
    public void Apgr_of_the_endpoints_alone_is_the_random_diagonal()
    {
        Assert.Equal(0.5, ReplayMetrics.Apgr([], Cheapest, Premium), 1e-12);
    }

    [Fact]
    public void Apgr_integrates_the_envelope_of_the_curve()
    {
        // (c 0.5, PGR 1): 0.5 x 0.5 / 2 + 0.5 x 1 = 0.75.
        Assert.Equal(0.75, ReplayMetrics.Apgr([new(2, 0.5, 0.9)], Cheapest, Premium), 1e-12);
        // (c 0.25, PGR 0.5): 0.25 x 0.25 + 0.75 x 0.75 = 0.625.
        Assert.Equal(0.625, ReplayMetrics.Apgr([new(1.5, 0.2, 0.7)], Cheapest, Premium), 1e-12);
        // A dominated point (c 0.75, PGR 0.25) changes nothing; one costing more than premium is left out.
        Assert.Equal(0.75, ReplayMetrics.Apgr([new(2, 0.5, 0.9), new(2.5, 0.7, 0.6)], Cheapest, Premium), 1e-12);
        Assert.Equal(0.5, ReplayMetrics.Apgr([new(4, 1, 1.0)], Cheapest, Premium), 1e-12);
        // A curve below the diagonal scores below 0.5: (c 0.5, PGR 0.2) gives 0.5 x 0.1 + 0.5 x 0.6 = 0.35.
        Assert.Equal(0.35, ReplayMetrics.Apgr([new(2, 0.5, 0.58)], Cheapest, Premium), 1e-12);
    }

    [Fact]
    public void Premium_share_to_reach_interpolates_along_the_envelope()
    {
        // Endpoints only: 0.855 = 95% of 0.9 is reached at (0.855 - 0.5) / 0.4 = 0.8875 of premium calls.
        Assert.Equal(0.8875, ReplayMetrics.PremiumShareToReach([], Cheapest, Premium, 0.855)!.Value, 1e-12);
        // Through (0.2, 0.86): 0.2 x (0.855 - 0.5) / (0.86 - 0.5) = 0.197222...
        Assert.Equal(0.2 * 0.355 / 0.36, ReplayMetrics.PremiumShareToReach([new(2, 0.2, 0.86)], Cheapest, Premium, 0.855)!.Value, 1e-12);
        // A point reaching it with no premium calls at all (a mid-priced expert): share 0.
        Assert.Equal(0, ReplayMetrics.PremiumShareToReach([new(2, 0, 0.87)], Cheapest, Premium, 0.855)!.Value, 1e-12);
        Assert.Equal(0, ReplayMetrics.PremiumShareToReach([], Cheapest, Premium, 0.4)!.Value, 1e-12);
        Assert.Null(ReplayMetrics.PremiumShareToReach([new(2, 0.5, 0.92)], Cheapest, Premium, 0.95));
    }

    [Fact]
    public void Degenerate_endpoints_and_bad_points_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ReplayMetrics.Apgr([], Cheapest, Premium with { Cost = 1 }));
        Assert.Throws<ArgumentException>(() => ReplayMetrics.Apgr([], Cheapest, Premium with { Quality = 0.5 }));
        Assert.Throws<ArgumentException>(() => ReplayMetrics.Apgr([new(double.NaN, 0, 0.5)], Cheapest, Premium));
        Assert.Throws<ArgumentException>(() => ReplayMetrics.PremiumShareToReach([new(2, 1.5, 0.5)], Cheapest, Premium, 0.8));
        Assert.Throws<ArgumentException>(() => ReplayMetrics.PremiumShareToReach([], Cheapest, Premium, double.NaN));
    }
}
