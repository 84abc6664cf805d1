namespace Moecraft.Experts;

/// <summary>An expert's backend did not produce a complete answer; nothing was returned to the caller as a success.</summary>
[GenerateSerializer, Alias("moecraft.ExpertCallFailedException")]
public sealed class ExpertCallFailedException : Exception
{
    public ExpertCallFailedException(string expertId, string message, Exception? inner = null) : base(message, inner) => ExpertId = expertId;

    [Id(0)]
    public string ExpertId { get; }
}
