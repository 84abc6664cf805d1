using System.CommandLine;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Cli;

/// <summary>What <c>moecraft tenants</c>, <c>keys</c>, <c>ask</c> and <c>cost</c> take about tenants; a bad word is a usage error (exit 2).</summary>
internal static class TenantArguments
{
    /// <summary>The <c>--tenant</c> option, checked by the cluster's own tenant-id rule.</summary>
    public static Option<string> Tenant(string description, bool required) => new Option<string>("--tenant")
    {
        Description = description,
        HelpName = "id",
        Required = required,
    }.Checked(id => TenantIds.Validate(id, "tenant"));

    /// <summary>The tenant id argument of <c>tenants create</c> and <c>tenants set</c>.</summary>
    public static Argument<string> IdArgument() =>
        new Argument<string>("id") { Description = "Tenant id (no whitespace or '/')." }.Checked(id => TenantIds.Validate(id, "tenant"));

    public static Option<string?> PeriodOption() => new Option<string?>("--period")
    {
        Description = $"Budget period: {BudgetPeriodNames.Daily} or {BudgetPeriodNames.Monthly} (UTC calendar).",
        HelpName = "period",
    }.Checked(value => BudgetPeriodNames.Parse(value));

    /// <summary>A tenant's routing policy by name, as its settings store it: gain, cheapest, cascade, cascade:N or fixed:EXPERT.</summary>
    public static Option<string?> PolicyOption() => new Option<string?>("--policy")
    {
        Description = $"Routing policy: {RoutingPolicyNames.Gain}, {RoutingPolicyNames.Cheapest}, {RoutingPolicyNames.Cascade}, {RoutingPolicyNames.ConsistentCascadePrefix}N (the cheapest answers N times, 2 to {RoutingPolicy.MaxConsistencySamples}, and escalates when they disagree) or {RoutingPolicyNames.FixedPrefix}EXPERT.",
        HelpName = "name",
    }.Checked(name => RoutingPolicyNames.Parse(name));

    public static Option<double?> QualityOption() =>
        new Option<double?>("--quality") { Description = "Quality target in [0, 1] the routing policy must reach.", HelpName = "q" }.InRange(0d, 1d);

    /// <summary>A period word the option's rule already accepted.</summary>
    public static BudgetPeriod Period(string value) => BudgetPeriodNames.Parse(value);

    /// <summary>How a key's limits read: "60 requests/min, 10,000 tokens/min" or "60 requests/min, no token limit".</summary>
    public static string Limits(int requestsPerMinute, int? tokensPerMinute) =>
        $"{Formatting.Count(requestsPerMinute)} requests/min, "
        + (tokensPerMinute is { } tokens ? $"{Formatting.Count(tokens)} tokens/min" : "no token limit");
}
