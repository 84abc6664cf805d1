using System.Collections.Immutable;

namespace Moecraft.Ledger;

/// <summary>One page of a tenant's routing history, newest first.</summary>
/// <param name="Entries">At most the requested page size of entries, newest first.</param>
/// <param name="NextCursor">Pass to the next query for the following (older) page; null on the last page.</param>
[GenerateSerializer, Immutable, Alias("moecraft.LedgerHistoryPage")]
public sealed record LedgerHistoryPage(ImmutableArray<LedgerEntry> Entries, string? NextCursor);
