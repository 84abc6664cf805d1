namespace Moecraft.Cli;

/// <summary>
/// The process exit codes of <c>moecraft</c>, so scripts can tell a typo from a cluster that is down:
/// 0 success (for <c>audit verify</c>: the log verified), 1 rejected by the cluster, 2 usage error, 3 cluster unreachable,
/// 4 audit log tampered, 5 audit log truncated (or an export file cut), 6 audit checkpoint signature bad or untrusted,
/// 7 audit log empty or unknown, 130 cancelled.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The cluster answered but rejected the request (unknown router, invalid prompt, every expert failed).</summary>
    public const int Rejected = 1;

    /// <summary>The command line itself is wrong: unknown command, bad option value, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>The cluster could not be reached or stopped answering.</summary>
    public const int Unreachable = 3;

    /// <summary><c>audit verify</c>: an entry was changed, removed, inserted or moved (the first bad seq is printed).</summary>
    public const int AuditTampered = 4;

    /// <summary><c>audit verify</c>: the log ends before a signed checkpoint's size, or an export file lacks its closing seal (it was cut).</summary>
    public const int AuditTruncated = 5;

    /// <summary><c>audit verify</c>: a checkpoint's signature does not verify (forged, altered or by an untrusted node).</summary>
    public const int AuditBadSignature = 6;

    /// <summary><c>audit verify</c>: there is nothing to verify (an unknown log id, or an empty file); an empty log proves nothing.</summary>
    public const int AuditEmpty = 7;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
