using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>What one sync with a peer did: packets accepted, quarantined, already held, rejected (with why), and the clock after.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.SyncReport")]
public sealed record SyncReport(
    [Id(0)] string Peer, [Id(1)] int Batches, [Id(2)] int Accepted, [Id(3)] int Quarantined, [Id(4)] int Duplicates, [Id(5)] ImmutableArray<string> Rejected, [Id(6)] ImmutableArray<FeedPosition> Clock);
