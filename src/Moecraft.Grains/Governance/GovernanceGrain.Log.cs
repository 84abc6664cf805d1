using Microsoft.Extensions.Logging;

namespace Moecraft.Governance;

public sealed partial class GovernanceGrain
{
    [LoggerMessage(1, LogLevel.Information, "Governance {GovernanceId}: policy version {Version} set by {Actor}")]
    private static partial void LogPolicyChanged(ILogger logger, string governanceId, long version, string actor);

    [LoggerMessage(2, LogLevel.Warning, "Governance {GovernanceId}: HALTED by {Actor}: {Reason}")]
    private static partial void LogHalted(ILogger logger, string governanceId, string actor, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Governance {GovernanceId}: resumed by {Actor}")]
    private static partial void LogResumed(ILogger logger, string governanceId, string actor);

    [LoggerMessage(4, LogLevel.Error, "Governance {GovernanceId}: {Count} silo(s) did not confirm a change")]
    private static partial void LogPushFailed(ILogger logger, Exception error, string governanceId, int count);
}
