using System.Globalization;

namespace Moecraft.Hosting.Configuration;

/// <summary>
/// Which embedder the silo embeds prompts with (<c>Moecraft:Embeddings</c>, SPEC 4.2): <c>minilm</c>, the default, a
/// sentence-embedding model in process on CPU (all-MiniLM-L6-v2, d = 384); <c>hashing</c>, the built-in hashing embedder
/// (d = 512), the small fallback; <c>ollama</c>, a model served by Ollama (<see cref="OllamaEndpoint"/> and
/// <see cref="OllamaModel"/>). Routers record the embedder they were made with, and a silo refuses a router made with
/// another until it is migrated.
/// </summary>
public sealed class MoecraftEmbeddingOptions
{
    public const string MiniLm = "minilm";
    public const string Hashing = "hashing";
    public const string Ollama = "ollama";

    /// <summary><c>minilm</c>, <c>hashing</c> or <c>ollama</c>; null: <c>ollama</c> when an Ollama endpoint or model is set, else <c>minilm</c>.</summary>
    public string? Embedder { get; set; }

    /// <summary>Ollama's base address, e.g. http://localhost:11434 (the <c>ollama</c> embedder only).</summary>
    public string? OllamaEndpoint { get; set; }

    /// <summary>The Ollama embedding model, e.g. nomic-embed-text (the <c>ollama</c> embedder only).</summary>
    public string? OllamaModel { get; set; }

    /// <summary>
    /// The surrogate cache's cosine threshold for this embedder's entries, in (0, 1]; null: the embedder's calibrated default
    /// (hashing 0.97, MiniLM 0.94; 0.97 for an Ollama model, which is not calibrated).
    /// </summary>
    public double? CacheSimilarityThreshold { get; set; }

    /// <summary>The configured embedder; throws <see cref="ArgumentException"/> naming the setting when the section does not make sense.</summary>
    public EmbedderChoice Resolve()
    {
        var ollamaSet = !string.IsNullOrWhiteSpace(OllamaEndpoint) || !string.IsNullOrWhiteSpace(OllamaModel);
        var choice = Embedder?.Trim().ToLowerInvariant() switch
        {
            null or "" => ollamaSet ? EmbedderChoice.Ollama : EmbedderChoice.MiniLm,
            MiniLm => EmbedderChoice.MiniLm,
            Hashing => EmbedderChoice.Hashing,
            Ollama => EmbedderChoice.Ollama,
            _ => throw new ArgumentException(
                $"Moecraft:Embeddings:Embedder is '{Embedder}'; it is one of {MiniLm} (the default), {Hashing} or {Ollama}."),
        };
        if (choice == EmbedderChoice.Ollama && (string.IsNullOrWhiteSpace(OllamaEndpoint) || string.IsNullOrWhiteSpace(OllamaModel)))
            throw new ArgumentException("Moecraft:Embeddings needs both OllamaEndpoint and OllamaModel for the ollama embedder.");
        if (choice != EmbedderChoice.Ollama && ollamaSet)
            throw new ArgumentException(
                $"Moecraft:Embeddings:Embedder is '{Embedder}' but OllamaEndpoint or OllamaModel is set too: remove them, or set the embedder to {Ollama}.");
        if (CacheSimilarityThreshold is { } threshold && !(threshold > 0 && threshold <= 1))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Moecraft:Embeddings:CacheSimilarityThreshold is {threshold}; a cosine threshold is in (0, 1]."));
        return choice;
    }
}

/// <summary>The embedder a silo is configured with.</summary>
public enum EmbedderChoice
{
    MiniLm,
    Hashing,
    Ollama,
}
