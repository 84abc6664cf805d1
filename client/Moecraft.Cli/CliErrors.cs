using System.Text.RegularExpressions;
using Moecraft.Audit;
using Moecraft.Experts;
using Moecraft.Federation;
using Moecraft.Governance;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Cli;

/// <summary>
/// Maps any failure to one line on stderr and an exit code: the cluster's own words, then what to do next. Users never
/// see a stack trace or an exception's type name; every failure a command can meet is put into words here, in one place.
/// </summary>
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

    /// <summary>ArgumentException appends " (Parameter 'name')", which names a C# parameter the user never saw.</summary>
    public static string WithoutParameterName(string message) => ParameterSuffix().Replace(message, string.Empty);

    private static (int ExitCode, string Message) Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        CliException cli => (cli.ExitCode, cli.Message),
        OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Cancelled, "Cancelled."),
        _ when CliConnection.IsConnectionFailure(exception) =>
            (ExitCodes.Unreachable, $"Lost the connection to the cluster: {Sentence(exception.Message)} Check that its silos are running, then try again."),
        TimeoutException => (ExitCodes.Unreachable, $"The cluster did not answer in time: {Sentence(exception.Message)} Try again; if it keeps happening, check the silos' logs."),
        ClusterHaltedException halted => (ExitCodes.Rejected, halted.Message),
        // Says how to migrate the router or which embedder to run the node with.
        EmbedderMismatchException mismatch => (ExitCodes.Rejected, mismatch.Message),
        TenantNotConfiguredException tenant => (ExitCodes.Rejected,
            $"Tenant '{tenant.TenantId}' is not configured. 'moecraft tenants' lists the tenants there are; "
            + $"'moecraft tenants create {tenant.TenantId} --budget AMOUNT' creates it."),
        BudgetExceededException budget => (ExitCodes.Rejected,
            $"{budget.Message} Raise it with 'moecraft tenants set {budget.TenantId} --budget AMOUNT', or wait for the next period."),
        RateLimitExceededException limited => (ExitCodes.Rejected, limited.Message),
        RequestTooLargeException tooLarge => (ExitCodes.Rejected, $"Rejected: {tooLarge.Message}"),
        ExpertCallFailedException failed => (ExitCodes.Rejected,
            $"Expert '{failed.ExpertId}' failed: {Sentence(failed.Message)} Try again, or see the expert's failures and circuit in 'moecraft experts'."),
        KeeperBudgetExhaustedException keeper => (ExitCodes.Rejected, $"{keeper.Message} Try again once the keeper's clock has moved on."),
        KernelUnavailableException kernel => (ExitCodes.Rejected, $"{kernel.Message} Try again once the cluster's silos are all up."),
        ForkDetectedException fork => (ExitCodes.Rejected, $"{Sentence(fork.Message)} The peer is quarantined; 'moecraft peers' shows it."),
        FederationRefusedException refused => (ExitCodes.Rejected, $"Refused: {refused.Message}"),
        AuditSequenceException sequence => (ExitCodes.Rejected, $"{sequence.Message} Read the log again and retry."),
        ArgumentException argument => (ExitCodes.Rejected, $"Rejected: {WithoutParameterName(argument.Message)}"),
        InvalidOperationException invalid => (ExitCodes.Rejected, $"Rejected: {invalid.Message}"),
        _ => (ExitCodes.Rejected, Unexpected(exception)),
    };

    // Wrappers such as TypeInitializationException say little; the innermost cause is what the user can act on.
    private static string Unexpected(Exception exception)
    {
        var innermost = exception.GetBaseException();
        var message = $"The command failed: {Sentence(exception.Message)}";
        if (!ReferenceEquals(innermost, exception)) message += $" Cause: {Sentence(Shortened(innermost.Message))}";
        return message + " If it happens again, the silo's log says more.";
    }

    // Some native-load messages run to pages of trace; the first part says what failed.
    private static string Shortened(string message) =>
        message.Length <= MaxCauseLength ? message : message[..MaxCauseLength].TrimEnd() + "...";

    // Messages are joined into one line; each part ends as a sentence so the next one reads on.
    private static string Sentence(string message)
    {
        var trimmed = message.Trim();
        return trimmed.Length == 0 || trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)\s*$")]
    private static partial Regex ParameterSuffix();
}
