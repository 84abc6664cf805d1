namespace Moecraft.Federation;

/// <summary>A peer as this node holds it (a row of <see cref="IPeerTableGrain"/>'s table).</summary>
/// <param name="Name">Its node name (silo name).</param>
/// <param name="NodeId">Its node id, fixed by its first accepted manifest: a manifest for this name from another key is refused.</param>
/// <param name="Tier">The tier this node assigned (UNKNOWN until an operator sets another).</param>
/// <param name="Manifest">Its latest verified manifest.</param>
/// <param name="FirstSeen">When its first manifest was accepted here, Unix ms.</param>
/// <param name="LastHeartbeat">Its last accepted heartbeat; null when none.</param>
/// <param name="LastHeartbeatAt">When this node accepted <paramref name="LastHeartbeat"/>, Unix ms by this node's clock.</param>
/// <param name="Forked">Its feed forked: its packets are quarantined.</param>
/// <param name="NewestCheckpoint">The newest audit checkpoint its heartbeats ever carried (<c>WitnessedCheckpoint</c>); null when none.</param>
/// <param name="Address">Its federation surface (base URL) when an operator added it by address; null otherwise.</param>
/// <param name="Remote">It is a node of another cluster (met over HTTP); false for a node of this cluster.</param>
[GenerateSerializer, Immutable, Alias("moecraft.PeerRecord")]
public sealed record PeerRecord(
    [Id(0)] string Name, [Id(1)] string NodeId, [Id(2)] TrustTier Tier, [Id(3)] PeerManifest Manifest, [Id(4)] long FirstSeen, [Id(5)] Heartbeat? LastHeartbeat, [Id(6)] long? LastHeartbeatAt, [Id(7)] bool Forked,
    [property: Id(8)] Audit.AuditCheckpoint? NewestCheckpoint = null, [property: Id(9)] string? Address = null, [property: Id(10)] bool Remote = false);
