using Microsoft.Extensions.Logging;

namespace Moecraft.Requests;

public sealed partial class ChatAdmission
{
    [LoggerMessage(5, LogLevel.Warning, "Router {RouterId} could not ask node {Node} for federation advice; serving on local knowledge")]
    private static partial void LogAdviceFailed(ILogger logger, Exception error, string routerId, string node);
}
