using Moecraft.Audit;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>Signs a node's heartbeat with its node key (SPEC 6).</summary>
public static class HeartbeatFactory
{
    /// <param name="clockDigest">The node's <see cref="ClockDigest.Of"/>.</param>
    /// <param name="checkpoint">The latest signed checkpoint of the audit log it vouches for; null before the first.</param>
    /// <param name="sentAt">Unix milliseconds.</param>
    /// <exception cref="ArgumentException">A bad name, digest or time.</exception>
    public static Heartbeat Create(INodeSigner signer, string name, string clockDigest, AuditCheckpoint? checkpoint, long sentAt)
    {
        ArgumentNullException.ThrowIfNull(signer);
        PeerNames.Validate(name, nameof(name));
        if (!ClockDigest.IsDigest(clockDigest)) throw new ArgumentException($"A clock digest is 64 lower-case hex digits; got '{clockDigest}'.", nameof(clockDigest));
        if (sentAt < 0) throw new ArgumentException($"A heartbeat's time is Unix milliseconds, not negative; got {sentAt}.", nameof(sentAt));
        var unsigned = new Heartbeat(signer.NodeId, name, clockDigest, checkpoint, sentAt, Signature: "");
        return unsigned with { Signature = SignedForms.EncodeSignature(signer.Sign(HeartbeatCanonical.Bytes(unsigned))) };
    }
}
