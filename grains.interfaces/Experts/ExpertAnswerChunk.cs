namespace Moecraft.Experts;

/// <summary>
/// One piece of a streamed expert answer: a text delta, or, last of all, the complete answer with its accounting.
/// A stream that ends without a final chunk did not succeed (it ends with an error instead).
/// </summary>
/// <param name="ExpertId">The expert that answers.</param>
/// <param name="Delta">Text added by this chunk; empty in the final chunk.</param>
/// <param name="Final">Only in the last chunk: the whole answer with tokens, cost and latency.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertAnswerChunk")]
public sealed record ExpertAnswerChunk([Id(0)] string ExpertId, [Id(1)] string Delta, [Id(2)] ExpertAnswer? Final = null)
{
    public bool IsFinal => Final is not null;
}
