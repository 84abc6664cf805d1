namespace Moecraft.Audit;

/// <summary>
/// Gathers, for verifying an audit log, which node keys the cluster knows and which checkpoints of the log its nodes
/// witnessed (SPEC 5.4): read-only, from every active node's federation peer. Any key; use 0.
/// </summary>
[Alias("moecraft.IAuditTrustGrain")]
public interface IAuditTrustGrain : IGrainWithIntegerKey
{
    /// <summary>The cluster's node ids and the checkpoints of <paramref name="logId"/> its peers witnessed.</summary>
    /// <exception cref="ArgumentException">A bad log id.</exception>
    /// <exception cref="InvalidOperationException">No node of the cluster answered.</exception>
    [Alias("GetTrust")]
    Task<AuditTrust> GetTrust(string logId);
}
