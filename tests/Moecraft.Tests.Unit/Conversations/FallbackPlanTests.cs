using Moecraft.Experts;
using Moecraft.Requests;
using Moecraft.Routing;

namespace Moecraft.Tests.Conversations;

/// <summary>An OpenRouter-style models list: the fixed expert first, then the caller's fallbacks in the caller's order.</summary>
public sealed class FallbackPlanTests
{
    private static readonly ExpertPrediction[] Predictions =
    [
        new("cheap", 0, 0.9, 0.05), new("mid", 1, 0.8, 0.05), new("premium", 2, 0.95, 0.05),
    ];

    private static readonly Dictionary<string, ExpertPricing> Prices = new(StringComparer.Ordinal)
    {
        ["cheap"] = new(0.1m, 0.2m), ["mid"] = new(1m, 2m), ["premium"] = new(10m, 20m),
    };

    [Fact]
    public void The_fixed_expert_answers_first_and_fails_over_to_the_fallbacks_in_the_given_order()
    {
        var policy = new RoutingPolicy(RoutingPolicyKind.Fixed, 0.7, "premium", ["cheap", "mid"]);

        var plan = RoutingPlanner.Plan(Predictions, Prices, policy, 1, 100, 100);

        Assert.Equal(["premium", "cheap", "mid"], plan.Order.Select(p => p.ExpertId));
        Assert.Equal(Prices["premium"].CostOf(100, 100), plan.WorstCase);
    }

    [Fact]
    public void A_fallback_that_cannot_answer_now_is_passed_over_and_without_fallbacks_a_pinned_request_gets_no_substitute()
    {
        Assert.Equal(["mid", "cheap"], RoutingPlanner.Plan(Predictions, Prices, new RoutingPolicy(RoutingPolicyKind.Fixed, 0.7, "mid", ["scarred-one", "cheap"]), 1, 10, 10)
            .Order.Select(p => p.ExpertId));
        Assert.Equal(["mid"], RoutingPlanner.Plan(Predictions, Prices, new RoutingPolicy(RoutingPolicyKind.Fixed, 0.7, "mid"), 1, 10, 10).Order.Select(p => p.ExpertId));
    }

    [Fact]
    public void Fallbacks_without_the_fixed_policy_or_repeating_an_expert_are_refused()
    {
        Assert.Contains("fixed policy only", Assert.Throws<ArgumentException>(() =>
            AskRequestValidator.Validate(new AskRequest("r", "hi", Policy: new RoutingPolicy(RoutingPolicyKind.CheapestAcceptable, 0.7, null, ["mid"])))).Message);
        Assert.Contains("distinct", Assert.Throws<ArgumentException>(() =>
            AskRequestValidator.Validate(new AskRequest("r", "hi", Policy: new RoutingPolicy(RoutingPolicyKind.Fixed, 0.7, "mid", ["mid"])))).Message);
    }
}
