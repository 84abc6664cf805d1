using Orleans.Placement;

namespace Moecraft.Federation;

/// <summary>Pins a grain keyed by a node name to that node's silo (<see cref="NodePlacementDirector"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NodePlacementAttribute() : PlacementAttribute(new NodePlacementStrategy());
