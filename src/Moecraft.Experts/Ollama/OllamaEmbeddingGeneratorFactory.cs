using Microsoft.Extensions.AI;
using Moecraft.Experts.Http;
using OllamaSharp;

namespace Moecraft.Experts.Ollama;

/// <summary>Embedding generators backed by an Ollama model (SPEC 4.2: "a model via Ollama when configured"), over <c>/api/embed</c>.</summary>
public static class OllamaEmbeddingGeneratorFactory
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A generator for <paramref name="model"/> at <paramref name="endpoint"/>; disposing it closes its connections.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(string endpoint, string model, TimeSpan? connectTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var http = BackendHttp.CreateClient(BackendHttp.BaseAddress(endpoint), connectTimeout ?? DefaultConnectTimeout, statusErrors: true);
        return new OwningEmbeddingGenerator(new OllamaApiClient(http, model), http);
    }
}
