namespace Moecraft.Hosting.Configuration;

/// <summary>
/// Which embedding generator the request path uses (<c>Moecraft:Embeddings</c>, SPEC 4.2): the built-in hashing embedder
/// (d = 512) unless an Ollama endpoint and model are both set. The router's input dimension must match the model's.
/// </summary>
public sealed class MoecraftEmbeddingOptions
{
    /// <summary>Ollama's base address, e.g. http://localhost:11434; null or empty: the hashing embedder.</summary>
    public string? OllamaEndpoint { get; set; }

    /// <summary>The Ollama embedding model, e.g. nomic-embed-text.</summary>
    public string? OllamaModel { get; set; }

    public bool UsesOllama => !string.IsNullOrWhiteSpace(OllamaEndpoint) || !string.IsNullOrWhiteSpace(OllamaModel);
}
