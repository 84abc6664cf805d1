using Moecraft.Audit;
using Moecraft.Audit.Verification;
using Moecraft.Canonical;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>
/// Checks a heartbeat from anywhere (SPEC 6): its form, that it is signed by the key its node id names, that it is recent,
/// and that the audit checkpoint it carries is signed by the node that checkpoint names. Whether the sender is a known peer
/// of a tier that may send heartbeats is the receiving grain's check.
/// </summary>
public static class HeartbeatVerifier
{
    /// <summary>How far a heartbeat's send time may lie ahead of, or behind, the receiver's clock.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Null when <paramref name="heartbeat"/> is valid at <paramref name="nowMs"/> (Unix ms), otherwise why not. Never throws.</summary>
    public static string? Failure(Heartbeat? heartbeat, long nowMs)
    {
        try
        {
            return Check(heartbeat, nowMs);
        }
        catch (Exception ex)
        {
            return $"malformed heartbeat: {ex.GetType().Name}: {ex.Message}";
        }
    }

    /// <summary>Null when <paramref name="checkpoint"/> is well formed and signed by the node it names. Never throws.</summary>
    public static string? CheckpointFailure(AuditCheckpoint? checkpoint)
    {
        try
        {
            if (checkpoint is null) return "no checkpoint";
            try
            {
                AuditChain.ValidateLogId(checkpoint.LogId);
            }
            catch (ArgumentException ex)
            {
                return $"the checkpoint's log id is invalid: {ex.Message}";
            }
            if (checkpoint.Size < 0) return "the checkpoint's size is negative";
            if (!ClockDigest.IsDigest(checkpoint.HeadHash)) return "the checkpoint's head hash is not 64 lower-case hex digits";
            if (!NodeIds.TryGetPublicKey(checkpoint.NodeId, out var publicKey)) return "the checkpoint's node is not a node id";
            var body = AuditChain.CheckpointBody(checkpoint.LogId, checkpoint.Size, checkpoint.HeadHash, checkpoint.Timestamp, checkpoint.NodeId);
            return SignedForms.SignatureProblem(checkpoint.Signature, publicKey, body, "the checkpoint node's key") is { } problem
                ? "checkpoint " + problem
                : null;
        }
        catch (Exception ex)
        {
            return $"malformed checkpoint: {ex.GetType().Name}: {ex.Message}";
        }
    }

    private static string? Check(Heartbeat? heartbeat, long nowMs)
    {
        if (heartbeat is null) return "no heartbeat";
        if (PeerNames.Problem(heartbeat.Name) is { } name) return name;
        if (!NodeIds.TryGetPublicKey(heartbeat.NodeId, out var publicKey))
            return "the node id is not a node id (unpadded base64url of a 32-byte Ed25519 key)";
        if (!ClockDigest.IsDigest(heartbeat.ClockDigest)) return "the clock digest is not 64 lower-case hex digits";
        if (heartbeat.SentAt < 0) return "the send time is negative";

        byte[] bytes;
        try
        {
            bytes = HeartbeatCanonical.Bytes(heartbeat);
        }
        catch (Exception ex) when (ex is CanonicalJsonException or ArgumentException)
        {
            return $"the heartbeat has no canonical form: {ex.Message}";
        }
        if (SignedForms.SignatureProblem(heartbeat.Signature, publicKey, bytes, "the node id's key") is { } signature) return signature;
        if (heartbeat.Checkpoint is not null && CheckpointFailure(heartbeat.Checkpoint) is { } checkpoint) return checkpoint;

        var skew = (long)MaxClockSkew.TotalMilliseconds;
        if (heartbeat.SentAt > nowMs + skew) return $"sent in the future ({heartbeat.SentAt}, now {nowMs}; {MaxClockSkew.TotalMinutes:0} min skew allowed)";
        if (heartbeat.SentAt < nowMs - skew) return $"stale: sent at {heartbeat.SentAt}, more than {MaxClockSkew.TotalMinutes:0} min before now ({nowMs})";
        return null;
    }
}
