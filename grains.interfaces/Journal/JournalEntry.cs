namespace Moecraft.Journal;

/// <summary>One notable event in readable form; <paramref name="Kind"/> is one of <see cref="JournalKinds"/> or another short tag.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.JournalEntry")]
public sealed record JournalEntry([Id(0)] DateTimeOffset At, [Id(1)] string Kind, [Id(2)] string Text);
