namespace Moecraft.Ledger;

/// <summary>A tenant's ledger totals over [<paramref name="From"/>, <paramref name="To"/>).</summary>
/// <param name="TenantId">The tenant summed.</param>
/// <param name="From">Start of the range (inclusive).</param>
/// <param name="To">End of the range (exclusive).</param>
/// <param name="Requests">Ledger lines in the range.</param>
/// <param name="CacheHits">Lines answered by the surrogate cache.</param>
/// <param name="Cost">Sum of costs.</param>
/// <param name="BaselineCost">Sum of always-premium baseline costs.</param>
/// <param name="Savings">Sum of savings (baseline minus cost).</param>
/// <param name="InputTokens">Sum of input tokens.</param>
/// <param name="OutputTokens">Sum of output tokens.</param>
[GenerateSerializer, Immutable, Alias("moecraft.LedgerCostSummary")]
public sealed record LedgerCostSummary(
    [Id(0)] string TenantId,
    [Id(1)] DateTimeOffset From,
    [Id(2)] DateTimeOffset To,
    [Id(3)] long Requests,
    [Id(4)] long CacheHits,
    [Id(5)] decimal Cost,
    [Id(6)] decimal BaselineCost,
    [Id(7)] decimal Savings,
    [Id(8)] long InputTokens,
    [Id(9)] long OutputTokens);
