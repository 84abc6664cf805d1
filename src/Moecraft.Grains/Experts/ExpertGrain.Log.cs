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
}
