using Microsoft.Extensions.Logging;

namespace Moecraft.Api.OpenAi;

public sealed partial class OpenAiModelCatalog
{
    [LoggerMessage(1501, LogLevel.Warning, "Could not refresh the /v1 model catalog; serving the last known models", EventName = "OpenAiCatalogRefreshFailed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception error);
}
