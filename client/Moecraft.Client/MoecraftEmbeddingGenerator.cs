using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Moecraft.Cluster;
using Moecraft.Routing;

namespace Moecraft.Client;

/// <summary>
/// Moecraft's embedding generator (the silo's: all-MiniLM-L6-v2, d = 384, unless <c>Moecraft:Embeddings</c> says hashing or Ollama) as an
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>. Inputs over <paramref name="maxRequestBytes"/> of text together
/// are refused with <see cref="RequestTooLargeException"/> before they are sent.
/// </summary>
public sealed class MoecraftEmbeddingGenerator(
    IClusterClient cluster, string routerId = ClusterSeed.DefaultRouterId, int maxRequestBytes = RequestSize.DefaultMaxBytes)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly int _maxRequestBytes = MoecraftClientOptions.RequireRequestLimit(maxRequestBytes, nameof(maxRequestBytes));

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToImmutableArray();
        RequestSize.Require(texts, _maxRequestBytes);
        var router = cluster.GetGrain<IChatRouterGrain>(RouterIds.Validate(routerId, nameof(routerId)));
        var vectors = await router.Embed(texts).WaitAsync(cancellationToken);
        return [.. vectors.Select(v => new Embedding<float>(v) { ModelId = "moecraft" })];
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("moecraft", null, routerId)
        : null;

    public void Dispose()
    {
        // The cluster client belongs to the caller.
    }
}
