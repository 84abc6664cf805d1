using Moecraft.Tenants;

namespace Moecraft.Tests.Tenants;

/// <summary>Tenant settings and API keys with unique ids for cluster tests.</summary>
public static class TestTenants
{
    public static string UniqueId(string prefix = "tenant") => $"{prefix}-{Guid.NewGuid():n}";

    public static string NewApiKey() => $"mc_test_{Guid.NewGuid():n}";

    public static TenantSettings Settings(decimal budget = 10m, BudgetPeriod period = BudgetPeriod.Daily, params ApiKeySettings[] keys) =>
        new(budget, period, QualityTarget: 0.8, RoutingPolicy: "cheapest", [.. keys]);

    public static ApiKeySettings Key(string apiKey, int requestsPerMinute = 60) => new(ApiKeys.Hash(apiKey), requestsPerMinute);
}
