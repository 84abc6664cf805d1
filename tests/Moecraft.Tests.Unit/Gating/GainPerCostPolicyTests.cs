using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

/// <summary>The gain-per-cost policy (issue 14): a dearer expert only when its predicted gain pays for its extra price.</summary>
public sealed class GainPerCostPolicyTests
{
    // Cheap costs 1, premium 10: one premium call adds 0.9 of the dearest price.
    private static ExpertOption[] TwoExperts(double cheap, double premium) =>
        [new("cheap", 1, cheap, 0.05), new("premium", 10, premium, 0.05)];

    [Fact]
    public void Premium_is_bought_when_the_predicted_gain_per_normalised_extra_cost_reaches_one_minus_the_target()
    {
        // Gain 0.28 over extra 0.9 = 0.311 per dearest-price call: bought at target 0.7 (needs 0.3), not at 0.6 (needs 0.4).
        var options = TwoExperts(0.6, 0.88);

        Assert.Equal("premium", new GainPerCostPolicy(0.7).Choose(options).ExpertId);
        Assert.Equal("cheap", new GainPerCostPolicy(0.6).Choose(options).ExpertId);
        Assert.Equal("cheap", new GainPerCostPolicy(0).Choose(options).ExpertId);
    }

    [Fact]
    public void No_target_pays_for_an_expert_predicted_no_better_than_the_cheap_one()
    {
        Assert.Equal("cheap", new GainPerCostPolicy(1).Choose(TwoExperts(0.8, 0.78)).ExpertId);
        Assert.Equal("premium", new GainPerCostPolicy(1).Choose(TwoExperts(0.8, 0.81)).ExpertId);
        // Cheapest acceptable at a target nobody reaches calls the most likely to succeed for a gain of 0.005; gain at 0.99 asks 0.01.
        var options = TwoExperts(0.8, 0.805);
        Assert.Equal("premium", new CheapestAcceptablePolicy(0.99).Choose(options).ExpertId);
        Assert.Equal("cheap", new GainPerCostPolicy(0.99).Choose(options).ExpertId);
    }

    [Fact]
    public void With_three_experts_it_climbs_the_best_ratio_first()
    {
        ExpertOption[] options = [new("cheap", 1, 0.5, 0), new("mid", 3, 0.8, 0), new("premium", 11, 0.85, 0)];

        // From cheap: mid buys 0.3 / 0.2 = 1.5, premium 0.35 / 1 = 0.35. From mid: premium buys 0.05 / (8 / 11) = 0.069.
        Assert.Equal("mid", new GainPerCostPolicy(0.7).Choose(options).ExpertId);
        Assert.Equal("premium", new GainPerCostPolicy(0.95).Choose(options).ExpertId);
        // Target 0 still buys a gain larger than its normalised price (mid: 1.5), never a smaller one.
        Assert.Equal("mid", new GainPerCostPolicy(0).Choose(options).ExpertId);
        Assert.Equal("cheap", new GainPerCostPolicy(0).Choose([new("cheap", 1, 0.5, 0), new("premium", 11, 0.9, 0)]).ExpertId);
        // An expert as cheap as the current one with a better prediction is a free gain.
        Assert.Equal("twin", new GainPerCostPolicy(0).Choose([new("cheap", 1, 0.5, 0), new("twin", 1, 0.6, 0)]).ExpertId);
    }

    [Fact]
    public void Bad_targets_and_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new GainPerCostPolicy(1.1));
        Assert.Throws<ArgumentException>(() => new GainPerCostPolicy(double.NaN));
        Assert.Throws<ArgumentException>(() => new GainPerCostPolicy(0.5).Choose([]));
        Assert.Throws<ArgumentException>(() => new GainPerCostPolicy(0.5).Choose([new("a", -1, 0.5, 0)]));
    }
}
