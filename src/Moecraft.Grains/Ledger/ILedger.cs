namespace Moecraft.Ledger;

/// <summary>
/// The silo's routing and cost ledger (one per silo, a singleton service). Appends are queued and written in batches off
/// the request path; everything appended is written before the silo finishes a graceful stop.
/// </summary>
public interface ILedger
{
    /// <summary>
    /// Queues <paramref name="entry"/>. Completes at once unless the queue is full, in which case it waits for room
    /// (back-pressure rather than a lost line).
    /// </summary>
    /// <exception cref="ArgumentException">The entry is invalid (<see cref="LedgerEntryValidator"/>); nothing is queued.</exception>
    /// <exception cref="InvalidOperationException">The ledger has stopped.</exception>
    ValueTask AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Completes once every entry appended before this call is in the database.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Totals of <paramref name="tenantId"/>'s lines with timestamps in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<LedgerCostSummary> GetCostAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary><paramref name="tenantId"/>'s lines, newest first, one page at a time.</summary>
    Task<LedgerHistoryPage> GetHistoryAsync(string tenantId, int pageSize, string? cursor, CancellationToken cancellationToken = default);
}
