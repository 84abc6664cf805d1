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
    string TenantId,
    DateTimeOffset From,
    DateTimeOffset To,
    long Requests,
    long CacheHits,
    decimal Cost,
    decimal BaselineCost,
    decimal Savings,
    long InputTokens,
    long OutputTokens);
