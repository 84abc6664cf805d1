using Moecraft.Experts;
using Moecraft.Requests;
using Moecraft.Routing;

namespace Moecraft.Tests.Keepers;

/// <summary>The fast path of a reflex in the routing plan (SPEC 5.3): its expert first, without the policy.</summary>
public sealed class ReflexPlanTests
{
    private static readonly ExpertPrediction[] Predictions =
    [
        new("cheap", 0, 0.6, 0.05),
        new("mid", 1, 0.9, 0.05),
        new("premium", 2, 0.8, 0.05),
    ];

    private static readonly Dictionary<string, ExpertPricing> Prices = new(StringComparer.Ordinal)
    {
        ["cheap"] = new(0.1m, 0.4m),
        ["mid"] = new(1m, 4m),
        ["premium"] = new(10m, 40m),
    };

    private static readonly RoutingPolicy Cheapest = new(RoutingPolicyKind.CheapestAcceptable, QualityTarget: 0);

    private static string[] Order(RoutingPolicy policy, string? reflex, IReadOnlyDictionary<string, ExpertPricing>? prices = null) =>
        [.. RoutingPlanner.Plan(Predictions, prices ?? Prices, policy, 1, 100, 100, reflex).Order.Select(p => p.ExpertId)];

    [Fact]
    public void A_reflex_puts_its_expert_first_and_the_rest_by_predicted_success()
    {
        Assert.Equal(["cheap", "mid", "premium"], Order(Cheapest, null));
        Assert.Equal(["premium", "mid", "cheap"], Order(Cheapest, "premium"));
        var plan = RoutingPlanner.Plan(Predictions, Prices, Cheapest, 1, 100, 100, "premium");
        Assert.Equal(RoutingPolicyKind.CheapestAcceptable, plan.Policy);
    }

    [Fact]
    public void A_fixed_policy_or_a_reflex_expert_without_a_price_keeps_the_policys_plan()
    {
        Assert.Equal(["mid"], Order(new RoutingPolicy(RoutingPolicyKind.Fixed, QualityTarget: 0, FixedExpert: "mid"), "premium"));
        var withoutPremium = Prices.Where(p => p.Key != "premium").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Assert.Equal(["cheap", "mid"], Order(Cheapest, "premium", withoutPremium));
    }
}
