using Microsoft.Extensions.Logging;

namespace Moecraft.Requests;

public sealed partial class ChatAdmission
{
    [LoggerMessage(4005, LogLevel.Warning, "Router {RouterId} could not ask node {Node} for federation advice; serving on local knowledge", EventName = "ChatFederationAdviceFailed")]
    private static partial void LogAdviceFailed(ILogger logger, Exception error, string routerId, string node);
}
