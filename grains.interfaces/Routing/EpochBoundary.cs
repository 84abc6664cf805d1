namespace Moecraft.Routing;

/// <summary>
/// Where a router's epoch began: its number, the trace step and time, and why (a roster edit, a lifecycle decision or a
/// governance policy change). Ids are a persisted contract: never reorder or reuse them.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.EpochBoundary")]
public sealed record EpochBoundary(
    [property: Id(0)] int Epoch,
    [property: Id(1)] long Step,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Reason);
