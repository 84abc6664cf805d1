namespace Moecraft.Audit;

/// <summary>Well-known audit log ids.</summary>
public static class AuditLogs
{
    /// <summary>The cluster-wide log: kernel events, governance actions, trust changes, halt and resume.</summary>
    public const string Cluster = "cluster";
}
