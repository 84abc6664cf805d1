using Moecraft.Hosting;

internal partial class Program
{
    [LoggerMessage(1, LogLevel.Information, "Moecraft node {Node} is up: {Storage} storage, dashboard at /dashboard, health at /health")]
    private static partial void LogStarted(ILogger logger, string node, StorageProvider storage);

    [LoggerMessage(2, LogLevel.Critical, "{Message}")]
    private static partial void LogPortTaken(ILogger logger, string message);
}
