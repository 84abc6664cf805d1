using System.Collections.Immutable;

namespace Moecraft.Ledger;

/// <summary>One page of a tenant's routing history, newest first.</summary>
/// <param name="Entries">At most the requested page size of entries, newest first.</param>
/// <param name="NextCursor">Pass to the next query for the following (older) page; null on the last page.</param>
[GenerateSerializer, Immutable, Alias("moecraft.LedgerHistoryPage")]
public sealed record LedgerHistoryPage([Id(0)] ImmutableArray<LedgerEntry> Entries, [Id(1)] string? NextCursor);
