using Moecraft.Balancing;

namespace Moecraft.Tests.Balancing;

public sealed class RoutingDisagreementTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Disjoint_distributions_have_js_ln2_and_full_mass()
    {
        var sample = RoutingDisagreement.Measure([1.0, 0.0], [0.0, 1.0], k: 1);

        Assert.Equal(Math.Log(2), sample.JensenShannon, Tolerance);
        Assert.True(sample.Top1Flipped);
        Assert.Equal(1.0, sample.TopKSetChange, Tolerance);
        Assert.Equal(1.0, sample.OverlapMass, Tolerance);
    }

    [Fact]
    public void Identical_distributions_do_not_disagree()
    {
        var sample = RoutingDisagreement.Measure([0.2, 0.5, 0.3], [0.2, 0.5, 0.3], k: 2);

        Assert.Equal(0.0, sample.JensenShannon, Tolerance);
        Assert.False(sample.Top1Flipped);
        Assert.Equal(0.0, sample.TopKSetChange);
        Assert.Equal(0.0, sample.OverlapMass, Tolerance);
    }

    [Fact]
    public void Js_of_half_half_against_certain()
    {
        // p = [0.5, 0.5], q = [1, 0], m = [0.75, 0.25].
        // KL(p || m) = 0.5 ln(0.5 / 0.75) + 0.5 ln(0.5 / 0.25) = 0.1438410; KL(q || m) = ln(1 / 0.75) = 0.2876821.
        // JS = (0.1438410 + 0.2876821) / 2 = 0.2157616. m = max(0, 0.5) = 0.5 = TV. Top-1 ties go to slot 0: no flip.
        var sample = RoutingDisagreement.Measure([0.5, 0.5], [1.0, 0.0], k: 1);

        Assert.Equal(0.2157616, sample.JensenShannon, 1e-7);
        Assert.Equal(0.5, sample.OverlapMass, Tolerance);
        Assert.False(sample.Top1Flipped);
    }

    [Fact]
    public void Top_k_set_change_and_overlap_mass_equal_total_variation()
    {
        // p = [0.4, 0.3, 0.2, 0.1]: S_clean = {0, 1}; q = [0.1, 0.3, 0.4, 0.2]: S_biased = {2, 1}.
        // |S_clean & S_biased| = 1 -> change 1 - 1/2 = 0.5; top-1 0 -> 2 flips.
        // m = 0 + 0 + 0.2 + 0.1 = 0.3 = TV = (0.3 + 0 + 0.2 + 0.1) / 2.
        double[] p = [0.4, 0.3, 0.2, 0.1];
        double[] q = [0.1, 0.3, 0.4, 0.2];
        var sample = RoutingDisagreement.Measure(p, q, k: 2);

        Assert.Equal(0.5, sample.TopKSetChange, Tolerance);
        Assert.True(sample.Top1Flipped);
        Assert.Equal(0.3, sample.OverlapMass, Tolerance);
        var totalVariation = p.Zip(q, (a, b) => Math.Abs(a - b)).Sum() / 2;
        Assert.Equal(totalVariation, sample.OverlapMass, Tolerance);
    }

    [Fact]
    public void Summary_is_the_mean_over_sampled_rows()
    {
        // Row 1: disjoint (JS ln 2, flip, change 1, m 1). Row 2: identical (all 0).
        var summary = RoutingDisagreement.Summarise([1, 0, 0.5, 0.5], [0, 1, 0.5, 0.5], slots: 2, k: 1);

        Assert.Equal(2, summary.Samples);
        Assert.Equal(Math.Log(2) / 2, summary.JensenShannon, Tolerance);
        Assert.Equal(0.5, summary.Top1FlipRate, Tolerance);
        Assert.Equal(0.5, summary.TopKSetChange, Tolerance);
        Assert.Equal(0.5, summary.OverlapMass, Tolerance);
    }

    [Fact]
    public void Rows_that_are_not_distributions_are_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => RoutingDisagreement.Measure([0.5, 0.2], [0.5, 0.5], 1));
        Assert.ThrowsAny<ArgumentException>(() => RoutingDisagreement.Measure([1.5, -0.5], [0.5, 0.5], 1));
        Assert.ThrowsAny<ArgumentException>(() => RoutingDisagreement.Measure([double.NaN, 1], [0.5, 0.5], 1));
        Assert.ThrowsAny<ArgumentException>(() => RoutingDisagreement.Measure([0.5, 0.5], [0.5, 0.5], 3));
        Assert.ThrowsAny<ArgumentException>(() => RoutingDisagreement.Summarise([0.5, 0.5, 1], [0.5, 0.5, 1], 2, 1));
        Assert.ThrowsAny<ArgumentException>(() => RoutingDisagreement.Summarise([], [], 2, 1));
    }
}
