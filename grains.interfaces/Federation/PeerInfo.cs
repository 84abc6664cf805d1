namespace Moecraft.Federation;

/// <summary>One row of a node's peer table: the peer's verified manifest, the tier this node assigned, and liveness.</summary>
/// <param name="LastHeartbeat">Unix milliseconds of the last accepted heartbeat; null when none.</param>
/// <param name="Checkpoint">The audit checkpoint the peer's last accepted heartbeat carried.</param>
/// <param name="Forked">The peer's feed forked (two packets with one sequence): its packets are quarantined.</param>
/// <param name="NewestCheckpoint">The newest audit checkpoint the peer's heartbeats ever carried: what a live audit verify compares with.</param>
/// <param name="Address">The peer's federation surface (base URL) when it is a node of another cluster added by address; null otherwise.</param>
/// <param name="Remote">The peer is a node of another cluster, met through the federation surface; false for a node of this cluster (CORE by construction).</param>
[GenerateSerializer, Immutable, Alias("moecraft.PeerInfo")]
public sealed record PeerInfo(
    [Id(0)] string Name, [Id(1)] string NodeId, [Id(2)] TrustTier Tier, [Id(3)] PeerLiveness Liveness, [Id(4)] long? LastHeartbeat, [Id(5)] string? ClockDigest,
    [Id(6)] Audit.AuditCheckpoint? Checkpoint, [Id(7)] PeerManifest Manifest, [Id(8)] bool Forked, [property: Id(9)] Audit.AuditCheckpoint? NewestCheckpoint = null,
    [property: Id(10)] string? Address = null, [property: Id(11)] bool Remote = false);
