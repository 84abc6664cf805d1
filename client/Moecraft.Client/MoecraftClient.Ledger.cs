using Moecraft.Ledger;
using Moecraft.Tenants;

namespace Moecraft.Client;

// The ledger: what a tenant's requests cost and saved, and how they were routed.
public sealed partial class MoecraftClient
{
    /// <summary>The ledger's cost, savings and request counts for one tenant over [from, to).</summary>
    public Task<LedgerCostSummary> GetCostAsync(string tenantId, DateTimeOffset from, DateTimeOffset to)
    {
        var tenant = TenantIds.Validate(tenantId, nameof(tenantId));
        return Read(() => Cluster.GetGrain<ILedgerQueryGrain>(0).GetCost(tenant, from, to));
    }

    /// <summary>One tenant's routing history, newest first.</summary>
    public Task<LedgerHistoryPage> GetRoutingHistoryAsync(string tenantId, int pageSize = 50, string? cursor = null)
    {
        var tenant = TenantIds.Validate(tenantId, nameof(tenantId));
        return Read(() => Cluster.GetGrain<ILedgerQueryGrain>(0).GetHistory(tenant, pageSize, cursor));
    }
}
