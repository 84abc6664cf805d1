namespace Moecraft.Cli;

/// <summary>A failure the CLI has already put into words: its message is printed as is, with no stack trace.</summary>
internal sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
