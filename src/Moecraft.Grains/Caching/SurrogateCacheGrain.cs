using System.Collections.Immutable;
using Moecraft.Diagnostics;
using Moecraft.Experts.Embeddings;
using Moecraft.Requests;
using Moecraft.Routing;

namespace Moecraft.Caching;

/// <summary>
/// A tenant's <see cref="SemanticCache{TAnswer}"/> in a grain, so every silo's request path shares one cache per tenant.
/// One partition per embedder (named by the request's <see cref="EmbedderContext"/>), each with that embedder's calibrated
/// threshold: vectors of two embedders are never compared, and a router migrated to another embedder never meets the old
/// embedder's entries (they age out).
/// </summary>
[GrainType("surrogate-cache")]
public sealed class SurrogateCacheGrain(SemanticCacheOptions options, SiloEmbedder embedder, TimeProvider time) : Grain, ISurrogateCacheGrain
{
    private readonly Dictionary<EmbedderIdentity, SemanticCache<AskResult>> _partitions = [];

    public Task<AskResult?> Lookup(string prompt, ImmutableArray<float> embedding, string optionsKey)
    {
        var hit = Partition(embedding).TryGet(prompt, embedding.AsSpan(), optionsKey, out var found);
        MoecraftDiagnostics.CacheLookups.Add(1, new KeyValuePair<string, object?>("outcome", hit ? "hit" : "miss"));
        return Task.FromResult(hit ? found.Answer : null);
    }

    public Task Store(string prompt, ImmutableArray<float> embedding, string optionsKey, AskResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Partition(embedding).Add(prompt, embedding.AsSpan(), optionsKey, result);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The partition of the embedder that made <paramref name="embedding"/>: the request's, or, for a caller that names none,
    /// this silo's when the width fits, else one for unnamed vectors of that width.
    /// </summary>
    private SemanticCache<AskResult> Partition(ImmutableArray<float> embedding)
    {
        var length = embedding.IsDefault ? 0 : embedding.Length;
        var made = EmbedderContext.Current ?? (embedder.Identity is { } own && own.Dimension == length ? own : new EmbedderIdentity("unnamed", Math.Max(length, 1)));
        if (made.Dimension != length)
            throw new ArgumentException($"The embedding has {length} values; {made} makes {made.Dimension}.", nameof(embedding));
        if (!_partitions.TryGetValue(made, out var cache))
            _partitions[made] = cache = new SemanticCache<AskResult>(
                options with { SimilarityThreshold = embedder.CacheSimilarityThresholdFor(made), Dimension = made.Dimension }, time);
        return cache;
    }
}
