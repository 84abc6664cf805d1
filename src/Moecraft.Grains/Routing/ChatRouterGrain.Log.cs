using Microsoft.Extensions.Logging;

namespace Moecraft.Routing;

public sealed partial class ChatRouterGrain
{
    [LoggerMessage(1, LogLevel.Warning, "Router {RouterId}: expert {ExpertId} failed request {RequestId}, trying the next selected expert")]
    private static partial void LogFailover(ILogger logger, string routerId, string expertId, string requestId);
}
