using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Api.Tenants;

/// <summary>Turns HTTP bodies into cluster requests; every problem is an <see cref="ArgumentException"/> naming the field.</summary>
public static class TenantRequests
{
    public const double DefaultQualityTarget = 0.7;

    public static (string Id, TenantSettings Settings) ToCreate(CreateTenantBody? body)
    {
        if (body is null) throw new ArgumentException("The body must be a JSON object with at least 'id' and 'budget'.");
        var id = TenantIds.Validate(body.Id, "id");
        if (body.Budget is not { } budget) throw new ArgumentException("'budget' is required: what the tenant may spend per period.", "budget");
        var period = body.Period is null ? BudgetPeriod.Monthly : BudgetPeriodNames.Parse(body.Period);
        return (id, new TenantSettings(budget, period, body.QualityTarget ?? DefaultQualityTarget, body.RoutingPolicy ?? RoutingPolicyNames.Cheapest, []));
    }

    public static TenantChanges ToChanges(ChangeTenantBody? body)
    {
        if (body is null) throw new ArgumentException("The body must be a JSON object naming the settings to change.");
        var changes = new TenantChanges(body.Budget, body.Period is null ? null : BudgetPeriodNames.Parse(body.Period), body.QualityTarget, body.RoutingPolicy);
        return changes.IsEmpty ? throw new ArgumentException("Name at least one of 'budget', 'period', 'qualityTarget', 'routingPolicy'.") : changes;
    }

    public static (string Tenant, ApiKeyRequest Request) ToKey(CreateKeyBody? body)
    {
        if (body is null) throw new ArgumentException("The body must be a JSON object with at least 'tenant' and 'name'.");
        var tenant = TenantIds.Validate(body.Tenant, "tenant");
        if (string.IsNullOrWhiteSpace(body.Name)) throw new ArgumentException("'name' is required: what the key is for.", "name");
        return (tenant, new ApiKeyRequest(body.Name, body.RequestsPerMinute ?? ApiKeyRequest.DefaultRequestsPerMinute, body.TokensPerMinute, body.Admin ?? false));
    }
}
