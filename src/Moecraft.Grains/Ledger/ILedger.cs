namespace Moecraft.Ledger;

/// <summary>
/// The silo's routing and cost ledger (one per silo, a singleton service). A commit is durable when it completes:
/// commits are queued and written together (group commit: one transaction per batch of whatever is waiting), so a
/// request pays for one shared database commit, not one of its own.
/// </summary>
public interface ILedger
{
    /// <summary>
    /// Writes <paramref name="settlement"/> (its line and its stored answer in one transaction) and completes once both
    /// are on disk. A failed database write is retried until it succeeds or the silo stops. When the tenant and request id
    /// are already taken nothing is written and the result carries the line stored first.
    /// </summary>
    /// <exception cref="ArgumentException">The settlement is invalid (<see cref="LedgerEntryValidator"/>); nothing is queued.</exception>
    /// <exception cref="InvalidOperationException">The ledger has stopped.</exception>
    Task<LedgerCommit> CommitAsync(Settlement settlement, CancellationToken cancellationToken = default);

    /// <summary>Completes once every commit queued before this call is in the database.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>The answer stored for <paramref name="tenantId"/>'s request <paramref name="requestId"/>, or null.</summary>
    Task<StoredAnswer?> RecallAsync(string tenantId, string requestId, CancellationToken cancellationToken = default);

    /// <summary>The line stored for <paramref name="tenantId"/>'s request <paramref name="requestId"/>, or null.</summary>
    Task<LedgerEntry?> FindAsync(string tenantId, string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// What <paramref name="tenantId"/> was charged since <paramref name="periodStart"/> (answered lines that were not cache
    /// hits), and its newest lines since <paramref name="recentSince"/>, at most <paramref name="recentLimit"/>.
    /// </summary>
    Task<TenantCharges> GetChargesAsync(
        string tenantId, DateTimeOffset periodStart, DateTimeOffset recentSince, int recentLimit, CancellationToken cancellationToken = default);

    /// <summary>Totals of <paramref name="tenantId"/>'s lines with timestamps in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<LedgerCostSummary> GetCostAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary><paramref name="tenantId"/>'s lines, newest first, one page at a time.</summary>
    Task<LedgerHistoryPage> GetHistoryAsync(string tenantId, int pageSize, string? cursor, CancellationToken cancellationToken = default);
}
