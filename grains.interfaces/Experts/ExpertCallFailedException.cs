namespace Moecraft.Experts;

/// <summary>An expert's backend did not produce a complete answer; nothing was returned to the caller as a success.</summary>
[GenerateSerializer, Alias("moecraft.ExpertCallFailedException")]
public sealed class ExpertCallFailedException : Exception
{
    public ExpertCallFailedException(string expertId, string message, Exception? inner = null, bool saturated = false) : base(message, inner)
    {
        ExpertId = expertId;
        Saturated = saturated;
    }

    [Id(0)]
    public string ExpertId { get; }

    /// <summary>
    /// True when the expert was busy (at its concurrency limit for the whole queue timeout) and its backend was never
    /// called: a reason to fail over, not evidence that the expert fails for this input.
    /// </summary>
    [Id(1)]
    public bool Saturated { get; }
}
