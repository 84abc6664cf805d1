using Moecraft.Experts;
using Moecraft.Requests;
using Moecraft.Routing;

namespace Moecraft.Tests.Requests;

/// <summary>The gain-per-cost policy in the routing plan, selectable by name beside cheapest, cascade and fixed (issue 14).</summary>
public sealed class RoutingPlannerTests
{
    private static readonly Dictionary<string, ExpertPricing> Prices = new(StringComparer.Ordinal)
    {
        ["cheap"] = new(0.1m, 0.4m),
        ["premium"] = new(10m, 40m),
    };

    private static string[] Order(RoutingPolicy policy, double cheap, double premium, params PredictedGain[] gains) =>
        [.. RoutingPlanner.Plan([new("cheap", 0, cheap, 0.05), new("premium", 1, premium, 0.05)], Prices, policy, 1, 100, 100, gains: gains)
            .Order.Select(p => p.ExpertId)];

    [Fact]
    public void The_gain_policy_calls_premium_only_where_the_predicted_gain_pays_for_it()
    {
        var gain = RoutingPolicyNames.Parse(RoutingPolicyNames.Gain, 0.7);

        Assert.Equal(RoutingPolicyKind.Gain, gain.Kind);
        Assert.Equal(["premium", "cheap"], Order(gain, 0.5, 0.9));
        Assert.Equal(["cheap", "premium"], Order(gain, 0.65, 0.8));
        // Cheapest acceptable at a target nobody reaches calls the most likely to succeed, however small the gain.
        Assert.Equal(["premium", "cheap"], Order(RoutingPolicyNames.Parse(RoutingPolicyNames.Cheapest, 0.99), 0.65, 0.66));
        Assert.Equal(["cheap", "premium"], Order(RoutingPolicyNames.Parse(RoutingPolicyNames.Gain, 0.99), 0.65, 0.66 - 0.02));
    }

    [Fact]
    public void The_gain_policy_follows_the_gain_heads_predictions_where_the_gate_reports_them()
    {
        var gain = RoutingPolicyNames.Parse(RoutingPolicyNames.Gain, 0.7);

        // The success difference 0.15 buys too little; the head predicts the premium answer 0.5 better: premium answers.
        Assert.Equal(["cheap", "premium"], Order(gain, 0.65, 0.8));
        Assert.Equal(["premium", "cheap"], Order(gain, 0.65, 0.8, new PredictedGain("cheap", "premium", 0.5)));
        Assert.Equal(["premium", "cheap"], Order(gain, 0.65, 0.8, new PredictedGain("premium", "cheap", -0.5)));
        // And the other way: a large success difference the head says is no gain buys nothing.
        Assert.Equal(["premium", "cheap"], Order(gain, 0.5, 0.9));
        Assert.Equal(["cheap", "premium"], Order(gain, 0.5, 0.9, new PredictedGain("cheap", "premium", 0.0)));
        // Only the gain policy reads them.
        Assert.Equal(["cheap", "premium"], Order(RoutingPolicyNames.Parse(RoutingPolicyNames.Cheapest, 0.6), 0.65, 0.8, new PredictedGain("cheap", "premium", 0.5)));
    }

    private static RoutingPlan Cascade(string[]? answerAware, int answering = 1, string? reflex = null, double cheap = 0.5, double cheapSpread = 0.3, string name = RoutingPolicyNames.Cascade) =>
        RoutingPlanner.Plan([new("cheap", 0, cheap, cheapSpread), new("premium", 1, 0.9, 0.05)], Prices, RoutingPolicyNames.Parse(name, 0.7),
            answering, 100, 100, reflex, answerAware: answerAware);

    [Fact]
    public void A_cascade_whose_cheapest_answers_can_be_judged_answers_with_it_first_and_reserves_every_stage()
    {
        // The cheap stage is not confident (0.5 below the target 0.7): without an answer to judge, the cascade starts at premium.
        var blind = Cascade(answerAware: null);
        Assert.Equal(["premium"], blind.Order.Select(p => p.ExpertId));
        Assert.False(blind.EscalatesByAnswer);
        Assert.False(Cascade(answerAware: ["premium"]).EscalatesByAnswer);

        var byAnswer = Cascade(answerAware: ["cheap"]);
        Assert.Equal(["cheap", "premium"], byAnswer.Order.Select(p => p.ExpertId));
        Assert.True(byAnswer.EscalatesByAnswer);
        Assert.Equal(byAnswer.Order.Sum(p => p.WorstCaseCost), byAnswer.WorstCase);
        Assert.Equal(blind.WorstCase + byAnswer.Order[0].WorstCaseCost, byAnswer.WorstCase);
    }

    [Fact]
    public void A_cascade_with_a_consistency_check_answers_with_its_cheapest_first_even_untrained_and_reserves_every_sample()
    {
        var blind = Cascade(answerAware: null);
        var checkedThrice = Cascade(answerAware: null, name: "cascade:3");

        Assert.Equal(["cheap", "premium"], checkedThrice.Order.Select(p => p.ExpertId));
        Assert.True(checkedThrice.EscalatesByAnswer);
        Assert.Equal(3, checkedThrice.AnswerSamples);
        Assert.Equal(1, blind.AnswerSamples);
        // Three answers of the cheap stage, then the premium one.
        Assert.Equal(3 * checkedThrice.Order[0].WorstCaseCost + checkedThrice.Order[1].WorstCaseCost, checkedThrice.WorstCase);
        // Several answers wanted: no cascade by the answer, so no samples either.
        var pair = Cascade(answerAware: null, answering: 2, cheap: 0.8, cheapSpread: 0.05, name: "cascade:3");
        Assert.False(pair.EscalatesByAnswer);
        Assert.Equal(1, pair.AnswerSamples);
    }

    [Fact]
    public void Several_answers_or_a_reflex_do_not_escalate_by_the_answer()
    {
        var pair = Cascade(answerAware: ["cheap"], answering: 2, cheap: 0.8, cheapSpread: 0.05);
        Assert.Equal(["cheap", "premium"], pair.Order.Select(p => p.ExpertId));
        Assert.False(pair.EscalatesByAnswer);
        var reflex = Cascade(answerAware: ["cheap"], reflex: "premium");
        Assert.False(reflex.EscalatesByAnswer);
        Assert.Equal("premium", reflex.Order[0].ExpertId);
    }

    [Fact]
    public void Malformed_gains_are_refused()
    {
        var gain = RoutingPolicyNames.Parse(RoutingPolicyNames.Gain, 0.7);

        Assert.Throws<ArgumentException>(() => Order(gain, 0.65, 0.8, new PredictedGain("cheap", "premium", 1.5)));
        Assert.Throws<ArgumentException>(() => Order(gain, 0.65, 0.8, new PredictedGain("cheap", "premium", 0.5), new PredictedGain("premium", "cheap", -0.5)));
    }

    [Fact]
    public void Policy_names_round_trip_and_an_unknown_name_lists_the_choices()
    {
        foreach (var name in new[] { RoutingPolicyNames.Gain, RoutingPolicyNames.Cheapest, RoutingPolicyNames.Cascade, "cascade:2", "cascade:5", "fixed:premium" })
            Assert.Equal(name, RoutingPolicyNames.Of(RoutingPolicyNames.Parse(name)));
        Assert.Equal(new RoutingPolicy(RoutingPolicyKind.Cascade, 0.8, ConsistencySamples: 2), RoutingPolicyNames.Parse("cascade:2", 0.8));
        Assert.Contains("gain, cheapest, cascade, cascade:<answers>", Assert.Throws<ArgumentException>(() => RoutingPolicyNames.Parse("fastest")).Message);
        foreach (var bad in new[] { "cascade:1", "cascade:6", "cascade:", "cascade:two", "cascade:22" })
            Assert.Contains("cascade:2 to cascade:5", Assert.Throws<ArgumentException>(() => RoutingPolicyNames.Parse(bad)).Message);
    }

    [Fact]
    public void A_consistency_check_outside_its_range_or_on_another_policy_than_the_cascade_is_refused()
    {
        AskRequestValidator.Validate(new AskRequest("r", "hi", Policy: new RoutingPolicy(RoutingPolicyKind.Cascade, 0.7, ConsistencySamples: 5)));
        Assert.Contains("2 to 5 answers", Assert.Throws<ArgumentException>(() =>
            AskRequestValidator.Validate(new AskRequest("r", "hi", Policy: new RoutingPolicy(RoutingPolicyKind.Cascade, 0.7, ConsistencySamples: 6)))).Message);
        Assert.Contains("2 to 5 answers", Assert.Throws<ArgumentException>(() =>
            AskRequestValidator.Validate(new AskRequest("r", "hi", Policy: new RoutingPolicy(RoutingPolicyKind.Cascade, 0.7, ConsistencySamples: -1)))).Message);
        Assert.Contains("cascade policy only", Assert.Throws<ArgumentException>(() =>
            AskRequestValidator.Validate(new AskRequest("r", "hi", Policy: new RoutingPolicy(RoutingPolicyKind.Gain, 0.7, ConsistencySamples: 2)))).Message);
    }
}
