using Microsoft.Extensions.Logging;

namespace Moecraft.Api.OpenAi;

public static partial class OpenAiEndpoints
{
    [LoggerMessage(1401, LogLevel.Error, "{Path} failed with {Status}", EventName = "OpenAiRequestFailed")]
    internal static partial void LogFailed(ILogger logger, Exception error, string path, int status);

    [LoggerMessage(1402, LogLevel.Warning, "Stream {RequestId} failed after it started; the client got an error event", EventName = "OpenAiStreamFailed")]
    internal static partial void LogStreamFailed(ILogger logger, Exception error, string requestId);
}
