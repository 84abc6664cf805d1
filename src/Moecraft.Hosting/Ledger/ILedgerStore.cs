using Moecraft.Ledger;

namespace Moecraft.Hosting.Ledger;

/// <summary>Where ledger lines are kept: the <c>moecraft_ledger</c> table. Callers pass validated arguments.</summary>
public interface ILedgerStore
{
    /// <summary>Writes the batch in one transaction; lines already present (same tenant and request id) are skipped.</summary>
    Task AppendAsync(IReadOnlyList<LedgerEntry> batch, CancellationToken cancellationToken);

    Task<LedgerCostSummary> GetCostAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> lines of the tenant, newest first, strictly older than <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<(LedgerCursor Position, LedgerEntry Entry)>> GetHistoryAsync(
        string tenantId, LedgerCursor? before, int limit, CancellationToken cancellationToken);
}
