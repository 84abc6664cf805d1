using Microsoft.Extensions.Logging;

namespace Moecraft.Experts;

public sealed partial class ExpertGrain
{
    [LoggerMessage(1, LogLevel.Information, "Expert {ExpertId} registered: backend {Backend}, model {Model}")]
    private static partial void LogRegistered(ILogger logger, string expertId, BackendKind backend, string model);

    [LoggerMessage(2, LogLevel.Warning, "Expert {ExpertId} failed request {RequestId}")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, string expertId, string requestId);

    [LoggerMessage(3, LogLevel.Warning, "Expert {ExpertId} broke off its streamed answer to request {RequestId} after {Characters} characters")]
    private static partial void LogStreamBrokenOff(ILogger logger, Exception exception, string expertId, string requestId, int characters);

    [LoggerMessage(4, LogLevel.Warning, "Expert {ExpertId} turned away request {RequestId}: {Limit} calls in flight for its queue timeout of {QueueTimeout}")]
    private static partial void LogSaturated(ILogger logger, string expertId, string requestId, int limit, TimeSpan queueTimeout);

    [LoggerMessage(5, LogLevel.Warning, "Expert {ExpertId} could not store its counters; the next write carries them")]
    private static partial void LogCountersNotStored(ILogger logger, Exception exception, string expertId);

    [LoggerMessage(6, LogLevel.Information, "Expert {ExpertId} moved from {From} to {To} by {Actor}")]
    private static partial void LogStatusMoved(ILogger logger, string expertId, ExpertStatus from, ExpertStatus to, string actor);
}
