namespace Moecraft.Journal;

/// <summary>Persisted state of a journal grain. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.JournalState")]
public sealed class JournalState
{
    [Id(0)] public List<JournalEntry> Entries { get; set; } = [];

    /// <summary>Entries refused because the day's journal was full.</summary>
    [Id(1)] public int Dropped { get; set; }
}
