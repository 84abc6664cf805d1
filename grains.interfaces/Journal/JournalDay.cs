using System.Collections.Immutable;

namespace Moecraft.Journal;

/// <summary>A node's journal for one UTC day, entries in time order.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.JournalDay")]
public sealed record JournalDay(string Node, DateOnly Day, ImmutableArray<JournalEntry> Entries, int Dropped);
