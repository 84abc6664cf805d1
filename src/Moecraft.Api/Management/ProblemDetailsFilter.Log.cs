using Microsoft.Extensions.Logging;

namespace Moecraft.Api.Management;

public sealed partial class ProblemDetailsFilter
{
    [LoggerMessage(1201, LogLevel.Error, "Management request {Method} {Path} failed", EventName = "ManagementRequestFailed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string path);
}
