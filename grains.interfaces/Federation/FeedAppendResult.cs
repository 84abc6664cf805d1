using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>What a feed append stored: the new packets, how many were already held, the position after, and why it stopped early (or null).</summary>
[GenerateSerializer, Immutable, Alias("moecraft.FeedAppendResult")]
public sealed record FeedAppendResult([Id(0)] ImmutableArray<StoredPacket> Appended, [Id(1)] int Duplicates, [Id(2)] FeedPosition Position, [Id(3)] string? Stopped);
