using Microsoft.Extensions.Logging;

namespace Moecraft.Audit;

public sealed partial class AuditLogGrain
{
    [LoggerMessage(3001, LogLevel.Warning, "Audit log {LogId} refused an append at seq {Expected}: the next seq is {Next}", EventName = "AuditSequenceConflict")]
    private static partial void LogSequenceConflict(ILogger logger, string logId, long expected, long next);

    [LoggerMessage(3002, LogLevel.Information, "Audit log {LogId} checkpoint at size {Size} signed by node {NodeId}", EventName = "AuditCheckpointSigned")]
    private static partial void LogCheckpoint(ILogger logger, string logId, long size, string nodeId);

    [LoggerMessage(3003, LogLevel.Warning, "Audit log {LogId}: the periodic checkpoint after seq {Sequence} failed; the next append tries again", EventName = "AuditCheckpointFailed")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string logId, long sequence);
}
