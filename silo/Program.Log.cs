using Moecraft.Hosting;

internal partial class Program
{
    [LoggerMessage(101, LogLevel.Information, "Moecraft node {Node} is up: {Storage} storage, dashboard at /dashboard, health at /health", EventName = "SiloStarted")]
    private static partial void LogStarted(ILogger logger, string node, StorageProvider storage);

    [LoggerMessage(102, LogLevel.Critical, "{Message}", EventName = "SiloPortTaken")]
    private static partial void LogPortTaken(ILogger logger, string message);
}
