using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// The request path for prompts (key: router id, SPEC 4): admission, embedding, surrogate cache, learned gating and
/// policy, invocation with failover, coordination, accounting and the ledger; feedback teaches the gate.
/// </summary>
[Alias("moecraft.IChatRouterGrain")]
public interface IChatRouterGrain : IGrainWithStringKey
{
    [Alias("Ask"), ResponseTimeout(Experts.ModelCalls.ResponseTimeout)]
    Task<AskResult> Ask(AskRequest request);

    /// <summary>The same path, streaming the chosen expert's answer; the last chunk carries the complete result.</summary>
    [Alias("AskStreaming")]
    IAsyncEnumerable<AskChunk> AskStreaming(AskRequest request);

    /// <summary>Teaches the gate from feedback on an earlier request of the same tenant.</summary>
    [Alias("Feedback")]
    Task Feedback(FeedbackRequest feedback);

    /// <summary>Embeds texts with the router's embedding generator (the built-in hashing embedder unless configured).</summary>
    [Alias("Embed")]
    Task<ImmutableArray<float[]>> Embed(ImmutableArray<string> texts);
}
