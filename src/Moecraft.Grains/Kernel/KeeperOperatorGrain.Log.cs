using Microsoft.Extensions.Logging;

namespace Moecraft.Kernel;

public sealed partial class KeeperOperatorGrain
{
    [LoggerMessage(4501, LogLevel.Warning, "Keeper {Keeper}: an operator's call cannot reach {Unreachable}; identity writes are refused until it can", EventName = "KeeperOperatorUnreachable")]
    private static partial void LogUnreachable(ILogger logger, Exception error, string keeper, string unreachable);

    [LoggerMessage(4502, LogLevel.Warning, "Keeper {Keeper} could not hand router {RouterId} what an operator committed; the router keeps its last known scars or reflexes until its next tick", EventName = "KeeperOperatorHandOverFailed")]
    private static partial void LogHandOverFailed(ILogger logger, Exception error, string keeper, string routerId);
}
