using Orleans.Concurrency;

namespace Moecraft.Ledger;

/// <summary>The ledger's read side: every query carries its tenant id into the SQL filter, so a call sees one tenant only.</summary>
[StatelessWorker, GrainType("ledger-query")]
public sealed class LedgerQueryGrain(ILedger ledger) : Grain, ILedgerQueryGrain
{
    public Task<LedgerCostSummary> GetCost(string tenantId, DateTimeOffset from, DateTimeOffset to) =>
        ledger.GetCostAsync(tenantId, from, to);

    public Task<LedgerHistoryPage> GetHistory(string tenantId, int pageSize, string? cursor = null) =>
        ledger.GetHistoryAsync(tenantId, pageSize, cursor);

    public Task<Moecraft.Routing.AnsweredRequest?> RecallAnswered(string tenantId, string requestId) =>
        AnsweredRequests.RecallAsync(ledger, GrainFactory, tenantId, requestId);
}
