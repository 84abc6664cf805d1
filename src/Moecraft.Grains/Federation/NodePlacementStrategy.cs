using Orleans.Runtime;

namespace Moecraft.Federation;

/// <summary>Places a grain on the active silo whose name (a node name) is the grain's string key (SPEC 6).</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("moecraft.NodePlacementStrategy")]
public sealed class NodePlacementStrategy : PlacementStrategy;
