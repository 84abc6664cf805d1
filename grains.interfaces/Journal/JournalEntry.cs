namespace Moecraft.Journal;

/// <summary>One notable event in readable form; <paramref name="Kind"/> is one of <see cref="JournalKinds"/> or another short tag.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.JournalEntry")]
public sealed record JournalEntry(DateTimeOffset At, string Kind, string Text);
