using System.Collections.Immutable;

namespace Moecraft.Tenants;

/// <summary>What an operator sets for a tenant. Persisted in the tenant grain.</summary>
/// <param name="Budget">Currency units the tenant may spend per <paramref name="Period"/>; greater than zero.</param>
/// <param name="Period">Daily or monthly budget period (UTC calendar).</param>
/// <param name="QualityTarget">The predicted answer quality the routing policy must reach, in [0, 1].</param>
/// <param name="RoutingPolicy">Name of the routing policy the tenant's requests use.</param>
/// <param name="ApiKeys">The tenant's API keys, stored only as hashes, each with its rate limit.</param>
[GenerateSerializer, Immutable, Alias("moecraft.TenantSettings")]
public sealed record TenantSettings(
    [Id(0)] decimal Budget,
    [Id(1)] BudgetPeriod Period,
    [Id(2)] double QualityTarget,
    [Id(3)] string RoutingPolicy,
    [Id(4)] ImmutableArray<ApiKeySettings> ApiKeys)
{
    // ImmutableArray compares by reference; settings read back from storage must equal the ones written.
    public bool Equals(TenantSettings? other) =>
        other is not null
        && Budget == other.Budget
        && Period == other.Period
        && QualityTarget.Equals(other.QualityTarget)
        && RoutingPolicy == other.RoutingPolicy
        && ApiKeys.IsDefault == other.ApiKeys.IsDefault
        && (ApiKeys.IsDefault || ApiKeys.SequenceEqual(other.ApiKeys));

    public override int GetHashCode() => HashCode.Combine(Budget, Period, QualityTarget, RoutingPolicy, ApiKeys.IsDefault ? 0 : ApiKeys.Length);
}
