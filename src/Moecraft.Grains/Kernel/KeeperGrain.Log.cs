using Microsoft.Extensions.Logging;

namespace Moecraft.Kernel;

public sealed partial class KeeperGrain
{
    [LoggerMessage(3701, LogLevel.Information, "Keeper {Keeper} proposed {Kind} of {Subject} as {ProposalId} at tick {Tick}", EventName = "KeeperProposed")]
    private static partial void LogProposed(ILogger logger, string keeper, IdentityEventKind kind, string subject, string proposalId, long tick);

    [LoggerMessage(3702, LogLevel.Information, "Keeper {Keeper} decided {ProposalId}: {Outcome} ({Reason})", EventName = "KeeperDecided")]
    private static partial void LogDecided(ILogger logger, string keeper, string proposalId, CommitOutcome outcome, string reason);

    [LoggerMessage(3704, LogLevel.Information, "Keeper {Keeper} entered epoch {Epoch} at tick {Tick}: {Reason}", EventName = "KeeperEpochEntered")]
    private static partial void LogEpoch(ILogger logger, string keeper, int epoch, long tick, string reason);

    [LoggerMessage(3705, LogLevel.Warning, "Keeper {Keeper} cannot reach {Unreachable}: identity writes are refused until it can", EventName = "KeeperUnreachable")]
    private static partial void LogUnreachable(ILogger logger, Exception error, string keeper, string unreachable);

    [LoggerMessage(3706, LogLevel.Information, "Keeper {Keeper} could not commit due proposal {ProposalId} now; it tries again on the next tick", EventName = "KeeperAutoCommitDeferred")]
    private static partial void LogAutoCommitDeferred(ILogger logger, Exception error, string keeper, string proposalId);

    [LoggerMessage(3707, LogLevel.Warning, "Keeper {Keeper} could not publish scar event {Sequence} to its node's peers; the scar holds here", EventName = "KeeperScarNotShared")]
    private static partial void LogScarNotShared(ILogger logger, Exception error, string keeper, long sequence);
}
