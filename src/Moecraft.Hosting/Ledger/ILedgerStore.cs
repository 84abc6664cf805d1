using Moecraft.Ledger;

namespace Moecraft.Hosting.Ledger;

/// <summary>Where ledger lines and stored answers are kept: <c>moecraft_ledger</c> and <c>moecraft_answer</c>. Callers pass validated arguments.</summary>
public interface ILedgerStore
{
    /// <summary>
    /// Writes the batch in one transaction and says, per settlement and in order, whether it was written or its tenant
    /// and request id were taken (then nothing of it is written, and the stored line comes back).
    /// </summary>
    Task<IReadOnlyList<LedgerCommit>> WriteAsync(IReadOnlyList<Settlement> batch, CancellationToken cancellationToken);

    Task<StoredAnswer?> RecallAsync(string tenantId, string requestId, CancellationToken cancellationToken);

    Task<LedgerEntry?> FindAsync(string tenantId, string requestId, CancellationToken cancellationToken);

    Task<TenantCharges> GetChargesAsync(string tenantId, DateTimeOffset periodStart, DateTimeOffset recentSince, int recentLimit, CancellationToken cancellationToken);

    Task<LedgerCostSummary> GetCostAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> lines of the tenant, newest first, strictly older than <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<(LedgerCursor Position, LedgerEntry Entry)>> GetHistoryAsync(
        string tenantId, LedgerCursor? before, int limit, CancellationToken cancellationToken);
}
