using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Moecraft.Cluster;
using Moecraft.Routing;

namespace Moecraft.Client;

/// <summary>Moecraft's embedding generator (the router's: hashing, d = 512, unless the silo configures Ollama) as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
public sealed class MoecraftEmbeddingGenerator(IClusterClient cluster, string routerId = ClusterSeed.DefaultRouterId)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToImmutableArray();
        var vectors = await cluster.GetGrain<IChatRouterGrain>(routerId).Embed(texts).WaitAsync(cancellationToken);
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
