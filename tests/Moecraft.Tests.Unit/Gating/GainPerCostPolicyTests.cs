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
    public void A_predicted_gain_replaces_the_difference_of_the_success_estimates()
    {
        // The success estimates say premium gains nothing; the gain head says it gains 0.5 here (0.5 / 0.9 = 0.56 per call).
        var options = TwoExperts(0.7, 0.7);
        var gains = new PredictedGains([("cheap", "premium", 0.5)]);

        Assert.Equal("cheap", new GainPerCostPolicy(0.9).Choose(options).ExpertId);
        Assert.Equal("premium", new GainPerCostPolicy(0.5).Choose(options, gains).ExpertId);
        Assert.Equal("cheap", new GainPerCostPolicy(0.3).Choose(options, gains).ExpertId);
        // And the other way: a head that predicts no gain keeps the cheap expert however far apart the estimates are.
        Assert.Equal("cheap", new GainPerCostPolicy(1).Choose(TwoExperts(0.2, 0.9), new PredictedGains([("premium", "cheap", 0.0)])).ExpertId);
    }

    [Fact]
    public void A_pair_without_a_predicted_gain_falls_back_to_the_success_difference()
    {
        ExpertOption[] options = [new("cheap", 1, 0.5, 0), new("mid", 3, 0.8, 0), new("premium", 11, 0.85, 0)];
        // Only cheap-premium is known (a large gain); cheap-mid and mid-premium come from the estimates.
        var gains = new PredictedGains([("cheap", "premium", 0.9)]);

        // From cheap: mid 0.3 / 0.18 = 1.65, premium 0.9 / 0.91 = 0.99; at target 0.7 (0.3 needed) mid's ratio is best, then premium is 0.069.
        Assert.Equal("mid", new GainPerCostPolicy(0.7).Choose(options, gains).ExpertId);
        Assert.Equal("mid", new GainPerCostPolicy(0.7).Choose(options, PredictedGains.None).ExpertId);
        Assert.Throws<ArgumentException>(() => new PredictedGains([("a", "a", 0.1)]));
        Assert.Throws<ArgumentException>(() => new PredictedGains([("a", "b", 1.5)]));
        Assert.Throws<ArgumentException>(() => new PredictedGains([("a", "b", 0.1), ("b", "a", 0.1)]));
        Assert.Equal(-0.9, gains.Of("premium", "cheap"));
        Assert.Null(gains.Of("cheap", "mid"));
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
