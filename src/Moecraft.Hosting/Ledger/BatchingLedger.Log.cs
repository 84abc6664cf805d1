using Microsoft.Extensions.Logging;

namespace Moecraft.Hosting.Ledger;

public sealed partial class BatchingLedger
{
    [LoggerMessage(2201, LogLevel.Warning, "Writing a ledger batch of {Count} settlements failed (attempt {Attempt}); retrying in {Delay}", EventName = "LedgerBatchWriteFailed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count, int attempt, TimeSpan delay);

    [LoggerMessage(2202, LogLevel.Error, "The ledger stopped at its deadline with {Count} settlements not written; their callers were told", EventName = "LedgerSettlementsLost")]
    private static partial void LogLost(ILogger logger, int count);
}
