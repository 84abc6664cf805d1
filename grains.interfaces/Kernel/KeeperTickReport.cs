using System.Collections.Immutable;

namespace Moecraft.Kernel;

/// <summary>A keeper's answer to its router's tick: what the router should hold now, and what the keeper waits to decide.</summary>
/// <param name="Tick">The keeper's clock.</param>
/// <param name="Sequence">
/// The keeper's newest event when the router holds an older one (then <paramref name="Scars"/> (slow keeper) or
/// <paramref name="Reflexes"/> (fast keeper) are those in force as of it); 0 when the router is up to date.
/// </param>
/// <param name="WaitingReflexes">The fast keeper's undecided self-committing reflex proposals: the router sends its counters for them with its next ticks.</param>
[GenerateSerializer, Immutable, Alias("moecraft.KeeperTickReport")]
public sealed record KeeperTickReport(
    [Id(0)] long Tick,
    [Id(1)] long Sequence,
    [Id(2)] ImmutableArray<RegionClaim> Scars,
    [Id(3)] ImmutableArray<RegionClaim> Reflexes,
    [Id(4)] ImmutableArray<KernelProposal> WaitingReflexes);
