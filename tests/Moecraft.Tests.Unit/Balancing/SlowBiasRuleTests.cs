using Moecraft.Balancing;

namespace Moecraft.Tests.Balancing;

public sealed class SlowBiasRuleTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void The_load_part_is_the_sign_rule_centred()
    {
        // n = [10, 20, 30]: nbar = 20, sign(nbar - n) = [+1, 0, -1] -> b = [+0.001, 0, -0.001]; its mean is 0.
        var next = SlowBiasRule.Neural.NextLoadBias([0, 0, 0], [true, true, true], [10, 20, 30]);

        Assert.Equal([0.001, 0.0, -0.001], next);
    }

    [Fact]
    public void The_load_part_is_not_capped()
    {
        // b = [5, -5] is far past k_max = 1 and keeps moving: [5 - 0.001, -5 + 0.001].
        var next = SlowBiasRule.Neural.NextLoadBias([5, -5], [true, true], [30, 10]);

        Assert.Equal(4.999, next[0], Tolerance);
        Assert.Equal(-4.999, next[1], Tolerance);
    }

    [Fact]
    public void The_coherence_part_is_standardised_and_ignores_load()
    {
        // phi_loo_slow = [0.9, 0.6, 0.3]: mean 0.6, population std sqrt(0.06) = 0.2449490.
        // k = 0.01 * [0.3, 0, -0.3] / (0.2449490 + 1e-6); the very unequal counts add nothing.
        var next = SlowBiasRule.Neural.NextCoherenceCoefficients([0, 0, 0], [true, true, true], [10, 20, 300], [0.9, 0.6, 0.3]);

        var coherenceTerm = 0.01 * 0.3 / (Math.Sqrt(0.06) + 1e-6);
        Assert.Equal(coherenceTerm, next[0], Tolerance);
        Assert.Equal(0.0, next[1], Tolerance);
        Assert.Equal(-coherenceTerm, next[2], Tolerance);
    }

    [Fact]
    public void A_spread_floor_keeps_tiny_coherence_differences_small()
    {
        // phi_loo_slow = [0.31, 0.30, 0.29]: std sqrt(0.0002/3) = 0.0081650.
        // SPEC floor 1e-6: eta terms = 0.01 * [0.01, 0, -0.01] / 0.0081660 = +-0.0122459 (as large as for [0.9, 0.6, 0.3]).
        // Floor 0.1, eta 0.001: 0.001 * 0.01 / 0.1081650 = +-0.0000924.
        double[] coherence = [0.31, 0.30, 0.29];
        var std = Math.Sqrt(0.0002 / 3);
        var spec = SlowBiasRule.Neural.NextCoherenceCoefficients([0, 0, 0], [true, true, true], [10, 10, 10], coherence);
        var floored = new SlowBiasRule(CoherenceStep: 0.001, SpreadFloor: 0.1).NextCoherenceCoefficients([0, 0, 0], [true, true, true], [10, 10, 10], coherence);

        Assert.Equal(0.01 * 0.01 / (std + 1e-6), spec[0], Tolerance);
        Assert.Equal(0.001 * 0.01 / (std + 0.1), floored[0], Tolerance);
        Assert.Equal(-floored[0], floored[2], Tolerance);
        Assert.Throws<ArgumentException>(() => new SlowBiasRule(SpreadFloor: 0).Validate());
    }

    [Fact]
    public void Centring_is_over_active_slots_and_inactive_slots_stay_zero()
    {
        // u = eta = 0 isolates centring: [0.3, 0, 0 | 0.7 inactive], mean_active = 0.1 -> [0.2, -0.1, -0.1, 0], for both parts.
        var rule = new SlowBiasRule(LoadStep: 0, CoherenceStep: 0);
        var coefficients = rule.NextCoherenceCoefficients([0.3, 0, 0, 0.7], [true, true, true, false], [5, 5, 5, 0], [0.5, 0.5, 0.5, double.NaN]);
        var load = rule.NextLoadBias([0.3, 0, 0, 0.7], [true, true, true, false], [5, 5, 5, 0]);

        foreach (var next in new[] { coefficients, load })
        {
            Assert.Equal(0.2, next[0], Tolerance);
            Assert.Equal(-0.1, next[1], Tolerance);
            Assert.Equal(-0.1, next[2], Tolerance);
            Assert.Equal(0.0, next[3]);
        }
    }

    [Fact]
    public void The_coherence_clamp_follows_centring()
    {
        // k = [1.5, -0.5, -1.0]: mean 0, then |k| <= 1 -> [1, -0.5, -1].
        var rule = new SlowBiasRule(LoadStep: 0, CoherenceStep: 0, MaxMagnitude: 1);
        var next = rule.NextCoherenceCoefficients([1.5, -0.5, -1.0], [true, true, true], [1, 1, 1], [0.5, 0.5, 0.5]);

        Assert.Equal([1.0, -0.5, -1.0], next);
    }

    [Fact]
    public void Llm_router_ignores_load()
    {
        // u = 0: nothing moves however unequal the load.
        var next = SlowBiasRule.LlmRouter.NextLoadBias([0, 0], [true, true], [100, 0]);

        Assert.Equal([0.0, 0.0], next);
    }

    [Fact]
    public void Experts_without_a_slow_reading_take_no_coherence_term()
    {
        // Readings [0.8, NaN, 0.4]: mean 0.6, std 0.2; eta terms [+0.01, 0, -0.01] (to 1e-6); mean 0.
        var next = SlowBiasRule.Neural.NextCoherenceCoefficients([0, 0, 0], [true, true, true], [1, 0, 1], [0.8, double.NaN, 0.4]);

        Assert.Equal(0.01 * 0.2 / 0.200001, next[0], Tolerance);
        Assert.Equal(0.0, next[1], Tolerance);
        Assert.Equal(-0.01 * 0.2 / 0.200001, next[2], Tolerance);
    }

    [Fact]
    public void Bad_input_is_a_clear_error()
    {
        var rule = SlowBiasRule.Neural;
        Assert.Throws<ArgumentException>(() => rule.NextCoherenceCoefficients([0, 0], [true, false], [1, 3], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => rule.NextCoherenceCoefficients([0, 0], [true, true], [-1, 3], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => rule.NextCoherenceCoefficients([0], [true, true], [1, 3], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => rule.NextCoherenceCoefficients([double.NaN, 0], [true, true], [1, 3], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => rule.NextLoadBias([double.PositiveInfinity, 0], [true, true], [1, 3]));
        Assert.Throws<ArgumentException>(() => rule.NextLoadBias([0, 0], [true, false], [1, 3]));
        Assert.Throws<ArgumentException>(() => new SlowBiasRule(MaxMagnitude: 0).Validate());
    }
}
