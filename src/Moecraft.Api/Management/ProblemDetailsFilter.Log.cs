using Microsoft.Extensions.Logging;

namespace Moecraft.Api.Management;

public sealed partial class ProblemDetailsFilter
{
    [LoggerMessage(1, LogLevel.Error, "Management request {Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string path);
}
