using Microsoft.Extensions.AI;
using Moecraft.Routing;

namespace Moecraft.Experts.Embeddings;

/// <summary>
/// A <see cref="SentenceEmbeddingModel"/> as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>: the silo's default
/// embedder (SPEC 4.2). Owns the model. The model runs on the thread pool, so a caller on a grain's turn does not hold it
/// for the few milliseconds a prompt takes: the chat router is one reentrant activation per silo, and its other requests
/// go on meanwhile.
/// </summary>
public sealed class SentenceEmbeddingGenerator(SentenceEmbeddingModel model) : IEmbeddingGenerator<string, Embedding<float>>
{
    public EmbedderIdentity Identity => model.Identity;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToList();
        if (texts.Any(t => t is null)) throw new ArgumentNullException(nameof(values), "Texts must not be null.");
        var vectors = await Task.Run(() =>
        {
            var made = new float[texts.Count][];
            for (var i = 0; i < texts.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                made[i] = model.Embed(texts[i]);
            }
            return made;
        }, cancellationToken).ConfigureAwait(false);
        GeneratedEmbeddings<Embedding<float>> embeddings = [];
        foreach (var vector in vectors) embeddings.Add(new Embedding<float>(vector) { ModelId = model.Identity.Name });
        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata)
            ? new EmbeddingGeneratorMetadata("moecraft", null, model.Identity.Name, model.Identity.Dimension)
        : null;

    public void Dispose() => model.Dispose();
}
