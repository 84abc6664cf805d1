using Microsoft.Extensions.Logging;

namespace Moecraft.Experts;

public sealed partial class ExpertGrain
{
    [LoggerMessage(3301, LogLevel.Information, "Expert {ExpertId} registered: backend {Backend}, model {Model}", EventName = "ExpertRegistered")]
    private static partial void LogRegistered(ILogger logger, string expertId, BackendKind backend, string model);

    [LoggerMessage(3302, LogLevel.Warning, "Expert {ExpertId} failed request {RequestId}", EventName = "ExpertCallFailed")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, string expertId, string requestId);

    [LoggerMessage(3303, LogLevel.Warning, "Expert {ExpertId} broke off its streamed answer to request {RequestId} after {Characters} characters", EventName = "ExpertStreamBrokenOff")]
    private static partial void LogStreamBrokenOff(ILogger logger, Exception exception, string expertId, string requestId, int characters);

    [LoggerMessage(3304, LogLevel.Warning, "Expert {ExpertId} turned away request {RequestId}: {Limit} calls in flight for its queue timeout of {QueueTimeout}", EventName = "ExpertSaturated")]
    private static partial void LogSaturated(ILogger logger, string expertId, string requestId, int limit, TimeSpan queueTimeout);

    [LoggerMessage(3305, LogLevel.Warning, "Expert {ExpertId} could not store its counters; the next write carries them", EventName = "ExpertCountersNotStored")]
    private static partial void LogCountersNotStored(ILogger logger, Exception exception, string expertId);

    [LoggerMessage(3306, LogLevel.Information, "Expert {ExpertId} moved from {From} to {To} by {Actor}", EventName = "ExpertStatusMoved")]
    private static partial void LogStatusMoved(ILogger logger, string expertId, ExpertStatus from, ExpertStatus to, string actor);
}
