using Moecraft.Coherence;

namespace Moecraft.Tests.Coherence;

public sealed class DegradingRuleTests
{
    private readonly DegradingRule _rule = new();

    [Fact]
    public void Degrading_after_exactly_three_consecutive_steps_below_the_threshold()
    {
        var streak = 0;
        streak = _rule.NextStreak(streak, -0.02);
        Assert.False(_rule.IsDegrading(streak));
        streak = _rule.NextStreak(streak, -0.05);
        Assert.False(_rule.IsDegrading(streak));
        streak = _rule.NextStreak(streak, -0.011);

        Assert.Equal(3, streak);
        Assert.True(_rule.IsDegrading(streak));
    }

    [Fact]
    public void A_step_at_or_above_the_threshold_resets_the_streak()
    {
        var streak = _rule.NextStreak(_rule.NextStreak(0, -0.02), -0.02);
        streak = _rule.NextStreak(streak, -0.01); // -0.01 is not below -0.01
        Assert.Equal(0, streak);

        streak = _rule.NextStreak(_rule.NextStreak(streak, -0.5), -0.5);
        Assert.False(_rule.IsDegrading(streak));
    }

    [Fact]
    public void Delta_phi_is_fast_minus_slow() =>
        Assert.Equal(-0.2, DegradingRule.DeltaPhi(0.6, 0.8), 1e-12);

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => _rule.NextStreak(-1, -0.5));
        Assert.Throws<ArgumentException>(() => _rule.NextStreak(0, double.NaN));
        Assert.Throws<ArgumentException>(() => new DegradingRule(ConsecutiveSteps: 0).Validate());
    }
}
