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

    /// <summary>Embeds texts with this node's embedding generator (<c>Moecraft:Embeddings</c>).</summary>
    [Alias("Embed")]
    Task<ImmutableArray<float[]>> Embed(ImmutableArray<string> texts);

    /// <summary>The router's embedder beside this node's (the silo this chat router runs on): whether requests are served.</summary>
    [Alias("GetEmbedderStatus")]
    Task<EmbedderStatus> GetEmbedderStatus();

    /// <summary>
    /// Moves the router to this node's embedder (an audited epoch boundary, see <see cref="IRouterLayerGrain.MigrateEmbedder"/>):
    /// the explicit admin action a node whose embedder differs from the router's is told to take.
    /// </summary>
    [Alias("MigrateEmbedder")]
    Task<EmbedderMigrationReport> MigrateEmbedder(string actor);
}
