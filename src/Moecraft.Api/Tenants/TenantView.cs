using Moecraft.Tenants;

namespace Moecraft.Api.Tenants;

/// <summary>A tenant as <c>/moecraft/tenants</c> shows it: settings, how many keys, and the current period's spending.</summary>
public sealed record TenantView(
    string Id,
    decimal Budget,
    string Period,
    double QualityTarget,
    string RoutingPolicy,
    int Keys,
    decimal? Spent,
    decimal? Remaining,
    DateTimeOffset? PeriodEnd)
{
    public static TenantView From(string id, TenantSettings settings, TenantUsage? usage) => new(
        id, settings.Budget, BudgetPeriodNames.Format(settings.Period), settings.QualityTarget, settings.RoutingPolicy,
        settings.ApiKeys.Length, usage?.Spent, usage?.Remaining, usage?.PeriodEnd);
}
