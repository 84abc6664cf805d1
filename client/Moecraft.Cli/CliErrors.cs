using System.Text.RegularExpressions;
using Moecraft.Experts;
using Moecraft.Federation;
using Moecraft.Governance;
using Moecraft.Routing;

namespace Moecraft.Cli;

/// <summary>Maps any failure to one line on stderr and an exit code; users never see a stack trace.</summary>
internal static partial class CliErrors
{
    private const int MaxCauseLength = 300;

    public static int Report(Exception exception, CancellationToken cancellationToken)
    {
        var (exitCode, message) = Classify(exception, cancellationToken);
        Write(message);
        return exitCode;
    }

    public static void Write(string message) => Console.Error.WriteLine($"moecraft: error: {OneLine(message)}");

    private static (int ExitCode, string Message) Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        CliException cli => (cli.ExitCode, cli.Message),
        OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Cancelled, "Cancelled."),
        _ when CliConnection.IsConnectionFailure(exception) =>
            (ExitCodes.Unreachable, $"Lost the connection to the cluster: {exception.Message}"),
        TimeoutException => (ExitCodes.Unreachable, $"The cluster did not answer in time: {exception.Message}"),
        ClusterHaltedException halted => (ExitCodes.Rejected, halted.Message),
        FederationRefusedException refused => (ExitCodes.Rejected, $"Refused: {refused.Message}"),
        ExpertCallFailedException failed => (ExitCodes.Rejected, $"Expert '{failed.ExpertId}' failed: {failed.Message}"),
        RequestTooLargeException tooLarge => (ExitCodes.Rejected, $"Rejected: {tooLarge.Message}"),
        ArgumentException argument => (ExitCodes.Rejected, $"Rejected: {WithoutParameterName(argument.Message)}"),
        InvalidOperationException invalid => (ExitCodes.Rejected, $"Rejected: {invalid.Message}"),
        _ => (ExitCodes.Rejected, Unexpected(exception)),
    };

    // Wrappers such as TypeInitializationException say little; the innermost cause is what the user can act on.
    private static string Unexpected(Exception exception)
    {
        var innermost = exception.GetBaseException();
        var message = $"{exception.GetType().Name}: {exception.Message}";
        return ReferenceEquals(innermost, exception) ? message : $"{message} Cause: {innermost.GetType().Name}: {Shortened(innermost.Message)}";
    }

    // Some native-load messages run to pages of trace; the first part says what failed.
    private static string Shortened(string message) =>
        message.Length <= MaxCauseLength ? message : message[..MaxCauseLength].TrimEnd() + "...";

    // ArgumentException appends " (Parameter 'name')", which names a C# parameter the user never saw.
    private static string WithoutParameterName(string message) => ParameterSuffix().Replace(message, string.Empty);

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)\s*$")]
    private static partial Regex ParameterSuffix();
}
