namespace Moecraft.Federation;

/// <summary>
/// A peer's liveness from its last accepted heartbeat (SPEC 6): alive while at most <c>suspectAfter</c> intervals old,
/// suspect while at most <c>deadAfter</c> intervals old, dead after that; unseen before the first.
/// </summary>
public static class PeerLivenessRule
{
    /// <param name="lastHeartbeatMs">When this node accepted the peer's last heartbeat, Unix ms; null when never.</param>
    /// <param name="nowMs">This node's clock, Unix ms.</param>
    /// <exception cref="ArgumentException">A non-positive interval, or thresholds that are not 1 &lt;= suspect &lt; dead.</exception>
    public static PeerLiveness Of(long? lastHeartbeatMs, long nowMs, TimeSpan interval, int suspectAfter, int deadAfter)
    {
        Validate(interval, suspectAfter, deadAfter);
        if (lastHeartbeatMs is not { } last) return PeerLiveness.Unseen;
        var age = nowMs - last;
        var intervalMs = (long)interval.TotalMilliseconds;
        if (age <= intervalMs * suspectAfter) return PeerLiveness.Alive;
        return age <= intervalMs * deadAfter ? PeerLiveness.Suspect : PeerLiveness.Dead;
    }

    /// <exception cref="ArgumentException">A non-positive interval (or over a day), or thresholds that are not 1 &lt;= suspect &lt; dead &lt;= 10000.</exception>
    public static void Validate(TimeSpan interval, int suspectAfter, int deadAfter)
    {
        if (interval < TimeSpan.FromMilliseconds(1) || interval > TimeSpan.FromDays(1))
            throw new ArgumentException($"The heartbeat interval must be 1 ms to 1 day; got {interval}.", nameof(interval));
        if (suspectAfter < 1 || deadAfter <= suspectAfter || deadAfter > 10_000)
            throw new ArgumentException(
                $"A peer is suspect after at least 1 missed interval and dead after more (at most 10000); got suspect {suspectAfter}, dead {deadAfter}.",
                nameof(suspectAfter));
    }
}
