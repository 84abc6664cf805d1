using Microsoft.Extensions.Logging;

namespace Moecraft.Audit;

public sealed partial class AuditOutbox
{
    [LoggerMessage(3101, LogLevel.Warning, "{Owner}: {Count} audit entry(ies) of changes already made wait for the audit log; retried every {Seconds} s", EventName = "AuditOutboxWaiting")]
    private static partial void LogWaiting(ILogger logger, Exception error, string owner, int count, double seconds);

    [LoggerMessage(3102, LogLevel.Information, "{Owner}: the audit entries that waited are in the audit log", EventName = "AuditOutboxCaughtUp")]
    private static partial void LogCaughtUp(ILogger logger, string owner);

    [LoggerMessage(3103, LogLevel.Information, "{Owner}: waiting audit entry {Kind} was already in the log at seq {Sequence}; not appended again", EventName = "AuditOutboxEntryFound")]
    private static partial void LogFound(ILogger logger, string owner, string kind, long sequence);
}
