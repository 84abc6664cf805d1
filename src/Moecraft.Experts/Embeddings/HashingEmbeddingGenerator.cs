using Microsoft.Extensions.AI;
using Moecraft.Embeddings;

namespace Moecraft.Experts.Embeddings;

/// <summary>
/// The built-in deterministic hashing embedder (word and character n-grams, d = 512, L2-normalised; SPEC 4.2) as an
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>: the small fallback (<c>Moecraft:Embeddings:Embedder = hashing</c>) and
/// the test clusters' embedder (no model to load, microseconds a prompt).
/// </summary>
public sealed class HashingEmbeddingGenerator(HashingEmbedder embedder) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "moecraft-hashing-512";

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        GeneratedEmbeddings<Embedding<float>> embeddings = [];
        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            embeddings.Add(new Embedding<float>(embedder.Embed(value)) { ModelId = ModelId });
        }
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("moecraft", null, ModelId, embedder.Dimension)
        : null;

    public void Dispose()
    {
    }
}
