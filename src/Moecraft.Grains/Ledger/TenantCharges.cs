using System.Collections.Immutable;

namespace Moecraft.Ledger;

/// <summary>
/// What the ledger says a tenant was charged: the sum and count of its answered, charged lines since a period start, and
/// every line since a recent instant (so a tenant activation recognises settlements it already counts).
/// </summary>
public sealed record TenantCharges(decimal Spent, long Requests, ImmutableArray<LedgerEntry> Recent);
