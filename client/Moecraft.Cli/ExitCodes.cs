namespace Moecraft.Cli;

/// <summary>The process exit codes of <c>moecraft</c>, so scripts can tell a typo from a cluster that is down.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The cluster answered but rejected the request (unknown router, invalid prompt, every expert failed).</summary>
    public const int Rejected = 1;

    /// <summary>The command line itself is wrong: unknown command, bad option value, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>The cluster could not be reached or stopped answering.</summary>
    public const int Unreachable = 3;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
