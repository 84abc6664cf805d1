using Moecraft.Experts.Replay;

namespace Moecraft.Tests.Replay;

/// <summary>The honest baselines of the replay harness (BENCHMARKS 2, issue 14): exact random mix, seed spread, length rule, calibration.</summary>
public sealed class ReplayBaselineTests
{
    // Always the cheapest expert: cost 1, quality 0.6; always premium: cost 5, quality 0.9.
    private static OperatingPoint Cheapest => new(Cost: 1, PremiumShare: 0, Quality: 0.6);

    private static OperatingPoint Premium => new(Cost: 5, PremiumShare: 1, Quality: 0.9);

    [Fact]
    public void The_random_mix_is_the_straight_line_between_the_two_experts()
    {
        var quarter = RandomMixBaseline.At(Cheapest, Premium, 0.25);

        Assert.Equal(2, quarter.Cost, 1e-12);
        Assert.Equal(0.25, quarter.PremiumShare, 1e-12);
        Assert.Equal(0.675, quarter.Quality, 1e-12);
        Assert.Equal(11, RandomMixBaseline.Line(Cheapest, Premium, 10).Count);
        Assert.Equal(Premium, RandomMixBaseline.Line(Cheapest, Premium, 4)[^1]);
    }

    [Fact]
    public void The_exact_line_recovers_half_the_gap_and_needs_the_closed_form_premium_share()
    {
        var line = RandomMixBaseline.Line(Cheapest, Premium, 10);
        // 95% of 0.9 = 0.855: (0.855 - 0.6) / (0.9 - 0.6) = 0.85.
        var required = 0.95 * Premium.Quality;

        Assert.Equal(0.5, ReplayMetrics.Apgr(line, Cheapest, Premium), 1e-12);
        Assert.Equal(0.85, RandomMixBaseline.PremiumShareToReach(Cheapest, Premium, required)!.Value, 1e-12);
        Assert.Equal(0.85, ReplayMetrics.PremiumShareToReach(line, Cheapest, Premium, required)!.Value, 1e-12);
        Assert.Equal(0, RandomMixBaseline.PremiumShareToReach(Cheapest, Premium, 0.5));
        Assert.Null(RandomMixBaseline.PremiumShareToReach(Cheapest, Premium, 0.95));
        Assert.Throws<ArgumentException>(() => RandomMixBaseline.At(Cheapest, Premium, 1.5));
        Assert.Throws<ArgumentException>(() => RandomMixBaseline.Line(Cheapest, Premium, 0));
    }

    [Fact]
    public void A_spread_over_seeds_has_the_mean_the_sample_deviation_and_counts_the_runs_that_gave_nothing()
    {
        var spread = Spread.Of([0.2, 0.4, null, 0.6])!;

        Assert.Equal(0.4, spread.Mean, 1e-12);
        Assert.Equal(0.2, spread.StandardDeviation, 1e-12);   // sqrt((0.04 + 0 + 0.04) / 2)
        Assert.Equal((0.2, 0.6, 3, 1), (spread.Min, spread.Max, spread.Count, spread.Missing));
        Assert.Equal(0, Spread.Of([0.3])!.StandardDeviation);
        Assert.Null(Spread.Of([null, null]));
        Assert.Throws<ArgumentException>(() => Spread.Of([double.NaN]));
    }

    [Fact]
    public void The_length_rule_sends_exactly_the_longest_prompts_to_premium()
    {
        int[] lengths = [10, 50, 30, 50, 5];

        Assert.Equal([false, true, false, true, false], LengthOnlyRule.Premium(lengths, 0.4));
        // Ties go by position: the first 50 before the second.
        Assert.Equal([false, true, false, false, false], LengthOnlyRule.Premium(lengths, 0.2));
        Assert.All(LengthOnlyRule.Premium(lengths, 0), Assert.False);
        Assert.All(LengthOnlyRule.Premium(lengths, 1), Assert.True);
        Assert.Throws<ArgumentException>(() => LengthOnlyRule.Premium(lengths, -0.1));
        Assert.Throws<ArgumentException>(() => LengthOnlyRule.Premium([-1], 0.5));
    }

    [Fact]
    public void Calibration_reports_the_brier_score_and_the_binned_calibration_error()
    {
        // Bin [0.2, 0.3): p 0.2, 0.2, outcomes 0, 1 -> |0.2 - 0.5| = 0.3 over 2 of 4; bin [0.8, 0.9): p 0.8, 0.8, outcomes 1, 1 -> 0.2 over 2 of 4.
        var calibration = Calibration.Of([(0.2, 0), (0.2, 1), (0.8, 1), (0.8, 1)]);

        Assert.Equal((0.04 + 0.64 + 0.04 + 0.04) / 4, calibration.Brier, 1e-12);
        Assert.Equal(0.5 * 0.3 + 0.5 * 0.2, calibration.ExpectedCalibrationError, 1e-12);
        Assert.Equal(0, Calibration.Of([(1.0, 1), (0.0, 0)]).ExpectedCalibrationError, 1e-12);
        Assert.Throws<ArgumentException>(() => Calibration.Of([]));
        Assert.Throws<ArgumentException>(() => Calibration.Of([(1.2, 1)]));
    }
}
