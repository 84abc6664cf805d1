using Microsoft.Extensions.Logging;

namespace Moecraft.Audit;

public sealed partial class AuditLogGrain
{
    [LoggerMessage(1, LogLevel.Warning, "Audit log {LogId} refused an append at seq {Expected}: the next seq is {Next}")]
    private static partial void LogSequenceConflict(ILogger logger, string logId, long expected, long next);

    [LoggerMessage(2, LogLevel.Information, "Audit log {LogId} checkpoint at size {Size} signed by node {NodeId}")]
    private static partial void LogCheckpoint(ILogger logger, string logId, long size, string nodeId);

    [LoggerMessage(3, LogLevel.Warning, "Audit log {LogId}: the periodic checkpoint after seq {Sequence} failed; the next append tries again")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string logId, long sequence);
}
