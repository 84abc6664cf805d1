using Moecraft.Audit;

namespace Moecraft.Federation;

/// <summary>
/// The audit checkpoint a node keeps of each peer's heartbeats (SPEC 5.4, 6): the newest it was ever shown, not merely
/// the last. Logs only grow, so a later heartbeat with a smaller checkpoint means the peer's log lost its tail; keeping
/// the larger one is what lets a live verify notice.
/// </summary>
public static class WitnessedCheckpoint
{
    /// <summary>The newer of the checkpoint held and the one just received: the larger of the same log; a first one is taken as it is.</summary>
    public static AuditCheckpoint? Newest(AuditCheckpoint? held, AuditCheckpoint? received)
    {
        if (held is null) return received;
        if (received is null || received.LogId != held.LogId) return held;
        return received.Size > held.Size ? received : held;
    }
}
