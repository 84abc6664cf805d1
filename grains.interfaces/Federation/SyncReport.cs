using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>What one sync with a peer did: packets accepted, quarantined, already held, rejected (with why), and the clock after.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.SyncReport")]
public sealed record SyncReport(
    string Peer, int Batches, int Accepted, int Quarantined, int Duplicates, ImmutableArray<string> Rejected, ImmutableArray<FeedPosition> Clock);
