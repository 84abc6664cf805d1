using Microsoft.Extensions.Logging;

namespace Moecraft.Governance;

public sealed partial class GovernanceGrain
{
    [LoggerMessage(3501, LogLevel.Information, "Governance {GovernanceId}: policy version {Version} set by {Actor}", EventName = "GovernancePolicyChanged")]
    private static partial void LogPolicyChanged(ILogger logger, string governanceId, long version, string actor);

    [LoggerMessage(3502, LogLevel.Warning, "Governance {GovernanceId}: HALTED by {Actor}: {Reason}", EventName = "GovernanceHalted")]
    private static partial void LogHalted(ILogger logger, string governanceId, string actor, string reason);

    [LoggerMessage(3503, LogLevel.Warning, "Governance {GovernanceId}: resumed by {Actor}", EventName = "GovernanceResumed")]
    private static partial void LogResumed(ILogger logger, string governanceId, string actor);

    [LoggerMessage(3504, LogLevel.Error, "Governance {GovernanceId}: {Count} silo(s) did not confirm a change", EventName = "GovernancePushFailed")]
    private static partial void LogPushFailed(ILogger logger, Exception error, string governanceId, int count);
}
