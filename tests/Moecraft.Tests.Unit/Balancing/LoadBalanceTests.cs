using Moecraft.Balancing;

namespace Moecraft.Tests.Balancing;

public sealed class LoadBalanceTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Uniform_over_eight_gives_eight_effective_experts()
    {
        var load = LoadBalance.FromCounts([10, 10, 10, 10, 10, 10, 10, 10], Enumerable.Repeat(true, 8).ToArray(), topK: 2, units: 40);

        Assert.Equal(8.0, load.EffectiveExperts, Tolerance);
        Assert.Equal(1.0, load.Saturation, Tolerance);  // 8 * (10 / 80)
        Assert.Equal(0.0, load.MaxViolation, Tolerance);
    }

    [Fact]
    public void All_on_one_gives_one_effective_expert()
    {
        var load = LoadBalance.FromCounts([0, 12, 0, 0], [true, true, true, true], topK: 1, units: 12);

        Assert.Equal(1.0, load.EffectiveExperts, Tolerance);
        Assert.Equal(4.0, load.Saturation, Tolerance);     // 4 * 1
        Assert.Equal(3.0, load.MaxViolation, Tolerance);   // (12 - 3) / 3
    }

    [Fact]
    public void Two_halves_give_two_effective_experts()
    {
        var load = LoadBalance.FromCounts([6, 0, 6, 0], [true, true, true, true], topK: 1, units: 12);

        Assert.Equal(2.0, load.EffectiveExperts, Tolerance);
    }

    [Fact]
    public void Max_violation_and_saturation_from_counts()
    {
        // n = [6, 2, 2, 2], k = 1, T = 12: mean n = 3, MaxVio = (6 - 3) / 3 = 1; L_max = 0.5, saturation = 4 * 0.5 = 2.
        var load = LoadBalance.FromCounts([6, 2, 2, 2], [true, true, true, true], topK: 1, units: 12);

        Assert.Equal(1.0, load.MaxViolation, Tolerance);
        Assert.Equal(2.0, load.Saturation, Tolerance);
        // Neff = exp(-(0.5 ln 0.5 + 3 * (1/6) ln (1/6))).
        Assert.Equal(Math.Exp(-(0.5 * Math.Log(0.5) + 0.5 * Math.Log(1.0 / 6))), load.EffectiveExperts, Tolerance);
    }

    [Fact]
    public void Shares_are_counts_over_k_t_and_inactive_slots_are_left_out()
    {
        Assert.Equal([0.25, 0.5, 0.25], LoadBalance.Shares([2, 4, 2], topK: 2, units: 4));

        // The inactive slot neither counts in |A| nor in the mean.
        var load = LoadBalance.FromShares([0.5, 0.5, 0.0], [true, true, false]);
        Assert.Equal(2.0, load.EffectiveExperts, Tolerance);
        Assert.Equal(1.0, load.Saturation, Tolerance);
        Assert.Equal(0.0, load.MaxViolation, Tolerance);
    }

    [Fact]
    public void No_load_gives_zero_metrics() =>
        Assert.Equal(LoadMetrics.None, LoadBalance.FromShares([0.0, 0.0], [true, true]));

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LoadBalance.Shares([-1, 2], 1, 2));
        Assert.ThrowsAny<ArgumentException>(() => LoadBalance.Shares([1, 2], 0, 2));
        Assert.Throws<ArgumentException>(() => LoadBalance.FromShares([0.5], [true, true]));
        Assert.Throws<ArgumentException>(() => LoadBalance.FromShares([0.5, double.PositiveInfinity], [true, true]));
    }
}
