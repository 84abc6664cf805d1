namespace Moecraft.Silo;

/// <summary>The silo process's exit codes besides 0 (stopped) and .NET's own for an unhandled exception.</summary>
internal static class ExitCodes
{
    /// <summary>A port the silo must listen on is taken by another process; nothing was started.</summary>
    public const int PortInUse = 2;
}
