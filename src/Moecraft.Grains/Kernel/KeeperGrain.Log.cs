using Microsoft.Extensions.Logging;

namespace Moecraft.Kernel;

public sealed partial class KeeperGrain
{
    [LoggerMessage(1, LogLevel.Information, "Keeper {Keeper} proposed {Kind} of {Subject} as {ProposalId} at tick {Tick}")]
    private static partial void LogProposed(ILogger logger, string keeper, IdentityEventKind kind, string subject, string proposalId, long tick);

    [LoggerMessage(2, LogLevel.Information, "Keeper {Keeper} decided {ProposalId}: {Outcome} ({Reason})")]
    private static partial void LogDecided(ILogger logger, string keeper, string proposalId, CommitOutcome outcome, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Keeper {Keeper} could not hand its scars or reflexes to router {RouterId}; the router keeps its last known ones and the keeper retries on its next tick")]
    private static partial void LogSyncFailed(ILogger logger, Exception error, string keeper, string routerId);

    [LoggerMessage(4, LogLevel.Information, "Keeper {Keeper} entered epoch {Epoch} at tick {Tick}: {Reason}")]
    private static partial void LogEpoch(ILogger logger, string keeper, int epoch, long tick, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Keeper {Keeper} cannot reach {Unreachable}: identity writes are refused until it can")]
    private static partial void LogUnreachable(ILogger logger, Exception error, string keeper, string unreachable);

    [LoggerMessage(6, LogLevel.Information, "Keeper {Keeper} could not commit due proposal {ProposalId} now; it tries again on the next tick")]
    private static partial void LogAutoCommitDeferred(ILogger logger, Exception error, string keeper, string proposalId);

    [LoggerMessage(7, LogLevel.Warning, "Keeper {Keeper} could not publish scar event {Sequence} to its node's peers; the scar holds here")]
    private static partial void LogScarNotShared(ILogger logger, Exception error, string keeper, long sequence);
}
