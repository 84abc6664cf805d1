namespace Moecraft.Experts.Resilience;

/// <summary>
/// The backend's answer broke off: the stream failed or ended without finishing. Never reported as a success;
/// when <see cref="OutputProduced"/> is true, part of the answer already reached the caller and the call is not retried.
/// </summary>
public sealed class TruncatedAnswerException(string expertId, string message, bool outputProduced, Exception? inner = null)
    : Exception(message, inner)
{
    public string ExpertId { get; } = expertId;

    public bool OutputProduced { get; } = outputProduced;
}
