using System.Collections.Immutable;

namespace Moecraft.Journal;

/// <summary>A node's journal for one UTC day, entries in time order.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.JournalDay")]
public sealed record JournalDay([Id(0)] string Node, [Id(1)] DateOnly Day, [Id(2)] ImmutableArray<JournalEntry> Entries, [Id(3)] int Dropped);
