using Microsoft.Extensions.AI;
using Moecraft.Routing;

namespace Moecraft.Experts.Embeddings;

/// <summary>
/// The embedder a silo is configured with (<c>Moecraft:Embeddings</c>): its generator, one instance per silo, and its
/// identity, which routers record and the request path compares with theirs. A built-in embedder knows its dimension; an
/// Ollama model's is learned from its first embedding.
/// </summary>
/// <param name="cacheSimilarityThreshold">
/// The surrogate cache's threshold for this embedder's entries; null: its calibrated default (<see cref="EmbedderCacheThresholds"/>).
/// </param>
public sealed class SiloEmbedder(
    IEmbeddingGenerator<string, Embedding<float>> generator, string name, int? dimension = null, double? cacheSimilarityThreshold = null)
{
    private EmbedderIdentity? _identity = dimension is { } d ? EmbedderIdentity.Validate(new EmbedderIdentity(name, d), nameof(dimension)) : null;

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; } = generator ?? throw new ArgumentNullException(nameof(generator));

    public string Name { get; } = Identifiers.Validate(name, "embedder name", nameof(name), EmbedderIdentity.MaxNameLength);

    /// <summary>The identity once its dimension is known (at once for a built-in embedder); null before an Ollama model answered.</summary>
    public EmbedderIdentity? Identity => Volatile.Read(ref _identity);

    /// <summary>The identity, embedding one probe text first when the dimension is not known yet.</summary>
    public async ValueTask<EmbedderIdentity> GetIdentityAsync(CancellationToken cancellationToken = default)
    {
        if (Identity is { } known) return known;
        var probe = await Generator.GenerateAsync(["dimension probe"], cancellationToken: cancellationToken).ConfigureAwait(false);
        var learned = EmbedderIdentity.Validate(new EmbedderIdentity(Name, probe[0].Vector.Length), "embedding");
        return Interlocked.CompareExchange(ref _identity, learned, null) ?? learned;
    }

    /// <summary>
    /// The cache threshold for entries made with <paramref name="embedder"/>: the configured one for this silo's own embedder,
    /// the calibrated default for any other (a cache grain can serve requests from nodes configured otherwise).
    /// </summary>
    public double CacheSimilarityThresholdFor(EmbedderIdentity embedder) =>
        cacheSimilarityThreshold is { } configured && embedder == Identity ? configured : EmbedderCacheThresholds.For(embedder);
}
