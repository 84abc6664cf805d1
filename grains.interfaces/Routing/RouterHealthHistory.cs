using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// A router layer's health over time: snapshots oldest first (one per <see cref="Period"/> while the router observes
/// steps, at most <see cref="Kept"/>, the oldest dropped) and the epoch boundaries, oldest first (the most recent 64).
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.RouterHealthHistory")]
public sealed record RouterHealthHistory(
    [property: Id(0)] string RouterId,
    [property: Id(1)] TimeSpan Period,
    [property: Id(2)] int Kept,
    [property: Id(3)] ImmutableArray<RouterHealthSnapshot> Snapshots,
    [property: Id(4)] ImmutableArray<EpochBoundary> Epochs);
