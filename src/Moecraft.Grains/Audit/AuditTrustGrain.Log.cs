using Microsoft.Extensions.Logging;

namespace Moecraft.Audit;

public sealed partial class AuditTrustGrain
{
    [LoggerMessage(3201, LogLevel.Warning, "Node {Node} did not say which keys it knows for an audit verification; the others' peer tables still name it", EventName = "AuditTrustNodeUnanswered")]
    private static partial void LogNodeUnanswered(ILogger logger, Exception exception, string node);
}
