using System.Collections.Immutable;

namespace Moecraft.Audit;

/// <summary>
/// What a cluster checks its audit log against (SPEC 5.4, 6): the keys of its nodes, as federation records them, and the
/// checkpoints of the log its nodes witnessed in each other's heartbeats.
/// </summary>
/// <param name="NodeIds">The node ids whose signatures count: every active node's own, and every peer of theirs that is a silo of the cluster (dead ones included while the membership keeps them); ordinal order.</param>
/// <param name="Witnessed">The newest checkpoint of the log each peer carried in a heartbeat, signed by one of <paramref name="NodeIds"/>; a log shorter than one of them lost its tail.</param>
[GenerateSerializer, Immutable, Alias("moecraft.AuditTrust")]
public sealed record AuditTrust([property: Id(0)] ImmutableArray<string> NodeIds, [property: Id(1)] ImmutableArray<AuditCheckpoint> Witnessed);
