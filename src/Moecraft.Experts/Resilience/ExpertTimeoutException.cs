namespace Moecraft.Experts.Resilience;

/// <summary>The backend did not produce its first output, or the whole answer, in the time the expert's call policy allows.</summary>
public sealed class ExpertTimeoutException(string expertId, string message, Exception? inner = null) : TimeoutException(message, inner)
{
    public string ExpertId { get; } = expertId;
}
