using System.Text;
using System.Text.Json.Nodes;
using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Canonical;

namespace Moecraft.Federation;

/// <summary>
/// The canonical JSON of a heartbeat (SPEC 6): type <c>moecraft.heartbeat</c>, snake_case keys, the send time as a
/// Unix-millisecond integer, and the audit checkpoint (or null) as the object the audit chain writes for it, its own
/// signature included. The heartbeat's signature is not part of the bytes: it signs them.
/// </summary>
public static class HeartbeatCanonical
{
    public const string Type = "moecraft.heartbeat";

    /// <summary>The bytes the heartbeat's signature covers (everything but that signature).</summary>
    /// <exception cref="CanonicalJsonException">A number outside the integers canonical JSON allows, or a lone surrogate.</exception>
    public static byte[] Bytes(Heartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        return CanonicalJson.Serialize(new JsonObject
        {
            ["type"] = Type,
            ["node_id"] = heartbeat.NodeId,
            ["name"] = heartbeat.Name,
            ["clock_digest"] = heartbeat.ClockDigest,
            ["checkpoint"] = Checkpoint(heartbeat.Checkpoint),
            ["sent_at"] = heartbeat.SentAt,
        });
    }

    /// <summary><see cref="Bytes"/> as text.</summary>
    public static string Text(Heartbeat heartbeat) => Encoding.UTF8.GetString(Bytes(heartbeat));

    private static JsonObject? Checkpoint(AuditCheckpoint? checkpoint) => checkpoint is null ? null : AuditChain.CheckpointObject(
        checkpoint.LogId, checkpoint.Size, checkpoint.HeadHash, checkpoint.Timestamp, checkpoint.NodeId, checkpoint.Signature);
}
