using Moecraft.Caching;
using Moecraft.Routing;

namespace Moecraft.Experts.Embeddings;

/// <summary>
/// The surrogate cache's cosine threshold per embedder (SPEC 4.3), calibrated by <see cref="CacheThresholdCalibration"/> on
/// the paraphrase and meaning-reversal probe set (<see cref="CacheProbeSet"/>, default seed, 200 base prompts) with the
/// lexical guard on; <c>cacheprobe</c> prints the tables behind them (docs/results/cacheprobe-embedders-2026-12-05.md).
/// Cosines of two embedders are not comparable: on the probe set paraphrases score 0.96 with hashing, 0.99 with MiniLM and
/// 1.00 with Arctic on average, unrelated prompts 0.32, 0.13 and 0.71.
/// </summary>
public static class EmbedderCacheThresholds
{
    /// <summary>Hashing: 1.8% false hits, 62% of paraphrases hit.</summary>
    public const double Hashing = 0.97;

    /// <summary>all-MiniLM-L6-v2: 2.6% false hits (nearly all an entity swapped for another, which no threshold up to 0.99 removes), 98% of paraphrases hit.</summary>
    public const double MiniLm = 0.94;

    /// <summary>snowflake-arctic-embed-xs: 2.6% false hits, 99% of paraphrases hit; its cosines crowd near 1 (unrelated prompts score 0.71 on average).</summary>
    public const double ArcticXs = 0.97;

    /// <summary>The calibrated threshold for <paramref name="embedder"/>; <see cref="SemanticCacheOptions.DefaultSimilarityThreshold"/> for one not calibrated (an Ollama model).</summary>
    public static double For(EmbedderIdentity embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        return embedder.Name switch
        {
            EmbedderIdentity.HashingName => Hashing,
            _ when embedder == KnownEmbedders.MiniLm => MiniLm,
            _ when embedder == KnownEmbedders.ArcticXs => ArcticXs,
            _ => SemanticCacheOptions.DefaultSimilarityThreshold,
        };
    }
}
