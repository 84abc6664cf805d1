namespace Moecraft.Experts.Resilience;

/// <summary>The backend answered, but not in its protocol (a body that does not parse): a broken or misconfigured server.</summary>
public sealed class ExpertProtocolException(string expertId, string message, Exception? inner = null) : Exception(message, inner)
{
    public string ExpertId { get; } = expertId;
}
