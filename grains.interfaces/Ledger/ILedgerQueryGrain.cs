namespace Moecraft.Ledger;

/// <summary>
/// Read side of the ledger (any key; stateless). Every method is scoped to the tenant it names and returns only that
/// tenant's lines, so the REST API can serve a tenant without any other tenant's data in reach.
/// </summary>
[Alias("moecraft.ILedgerQueryGrain")]
public interface ILedgerQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Cost, savings, requests and cache hits of the tenant over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <exception cref="ArgumentException">Bad tenant id, or <paramref name="from"/> not before <paramref name="to"/>.</exception>
    [Alias("GetCost")]
    Task<LedgerCostSummary> GetCost(string tenantId, DateTimeOffset from, DateTimeOffset to);

    /// <summary>The tenant's routing decisions, newest first, <paramref name="pageSize"/> at a time (at most 500).</summary>
    /// <param name="tenantId">The tenant whose history to read.</param>
    /// <param name="pageSize">Entries per page, 1 to 500.</param>
    /// <param name="cursor">Null for the newest page, else the previous page's <see cref="LedgerHistoryPage.NextCursor"/>.</param>
    /// <exception cref="ArgumentException">Bad tenant id, page size or cursor.</exception>
    [Alias("GetHistory")]
    Task<LedgerHistoryPage> GetHistory(string tenantId, int pageSize, string? cursor = null);

    /// <summary>What feedback needs of the tenant's answered request (router, prompt, experts), or null when none is known.</summary>
    [Alias("RecallAnswered")]
    Task<Moecraft.Routing.AnsweredRequest?> RecallAnswered(string tenantId, string requestId);
}
