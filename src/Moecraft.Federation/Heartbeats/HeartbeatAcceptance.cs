namespace Moecraft.Federation;

/// <summary>
/// Whether a node takes a peer's heartbeat (SPEC 6): it must verify (<see cref="HeartbeatVerifier"/>), come from a peer
/// of the table with the key that peer's manifest named, from a tier that sends heartbeats (CORE, SANDBOX), and be sent
/// after the last one accepted (a repeat of that very heartbeat is a retry and changes nothing). The row keeps the newest
/// audit checkpoint its heartbeats ever carried (<see cref="WitnessedCheckpoint"/>).
/// </summary>
public static class HeartbeatAcceptance
{
    /// <param name="node">This node's name.</param>
    /// <param name="peer">The table's row named by the heartbeat; null when there is none.</param>
    /// <param name="now">Unix ms by this node's clock: when it was accepted.</param>
    public static HeartbeatOutcome Decide(string node, Heartbeat heartbeat, PeerRecord? peer, long now)
    {
        if (HeartbeatVerifier.Failure(heartbeat, now) is { } failure) return Refused($"Heartbeat from '{heartbeat?.Name}' refused: {failure}");
        if (peer is null) return Refused($"Heartbeat from '{heartbeat.Name}' refused: it is not a peer of node '{node}' (exchange manifests first)");
        if (peer.NodeId != heartbeat.NodeId)
            return Refused($"Heartbeat from '{heartbeat.Name}' refused: sent from the wrong key; peer '{peer.Name}' is node {peer.NodeId}, " +
                $"the heartbeat is signed by {heartbeat.NodeId}");
        if (TierMatrix.Decide(FederationAction.Heartbeat, peer.Tier) != FederationDecision.Allowed)
            return Refused($"Heartbeat from '{heartbeat.Name}' refused: node '{node}' rates it {TierMatrix.Name(peer.Tier)}, " +
                "and only CORE and SANDBOX peers send heartbeats");
        if (peer.LastHeartbeat is { } last)
        {
            if (heartbeat.SentAt == last.SentAt && heartbeat.Signature == last.Signature) return new HeartbeatOutcome(null); // a retry of the last one
            if (heartbeat.SentAt <= last.SentAt)
                return Refused($"Heartbeat from '{heartbeat.Name}' refused: sent at {heartbeat.SentAt}, not after the last accepted one " +
                    $"({last.SentAt}); a replay or out of order");
        }
        return new HeartbeatOutcome(peer with
        {
            LastHeartbeat = heartbeat,
            LastHeartbeatAt = now,
            NewestCheckpoint = WitnessedCheckpoint.Newest(peer.NewestCheckpoint ?? peer.LastHeartbeat?.Checkpoint, heartbeat.Checkpoint),
        });
    }

    private static HeartbeatOutcome Refused(string reason) => new(null, reason + ". Nothing changed.");
}

/// <summary>What <see cref="HeartbeatAcceptance"/> decided: the peer's row to store, nothing (a retry: both null), or why it was refused.</summary>
public sealed record HeartbeatOutcome(PeerRecord? Next, string? Refusal = null);
