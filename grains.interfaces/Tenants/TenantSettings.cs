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
    [Id(4)] EquatableArray<ApiKeySettings> ApiKeys)
{
}
