using Orleans.Runtime;

namespace Moecraft.Governance;

/// <summary>Places a grain on the silo whose address (<see cref="SiloAddress.ToParsableString"/>) is the grain's key.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("moecraft.SiloPinnedPlacementStrategy")]
public sealed class SiloPinnedPlacementStrategy : PlacementStrategy;
