using Microsoft.Extensions.Logging;

namespace Moecraft.Api.OpenAi;

public static partial class OpenAiEndpoints
{
    [LoggerMessage(1, LogLevel.Error, "{Path} failed with {Status}")]
    internal static partial void LogFailed(ILogger logger, Exception error, string path, int status);

    [LoggerMessage(2, LogLevel.Warning, "Stream {RequestId} failed after it started; the client got an error event")]
    internal static partial void LogStreamFailed(ILogger logger, Exception error, string requestId);
}
