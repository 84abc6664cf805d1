using Microsoft.Extensions.Logging;

namespace Moecraft.Routing;

public sealed partial class RouterLayerGrain
{
    [LoggerMessage(1, LogLevel.Information, "Router {RouterId} configured: {Width} slots, d = {InputDimension}, top-{TopK}")]
    private static partial void LogConfigured(ILogger logger, string routerId, int width, int inputDimension, int topK);
}
