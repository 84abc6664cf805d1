using Moecraft.Embeddings;
using Moecraft.Experts.Embeddings;
using Moecraft.Experts.Ollama;
using Moecraft.Hosting.Configuration;

namespace Moecraft.Hosting.Embeddings;

/// <summary>Makes the silo's one embedder from <c>Moecraft:Embeddings</c> (the model, when chosen, loads here: about half a second).</summary>
public static class SiloEmbedders
{
    public static SiloEmbedder Create(MoecraftEmbeddingOptions options, HashingEmbedder hashing)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hashing);
        var threshold = options.CacheSimilarityThreshold;
        return options.Resolve() switch
        {
            EmbedderChoice.Hashing => new SiloEmbedder(
                new HashingEmbeddingGenerator(hashing), Moecraft.Routing.EmbedderIdentity.HashingName, hashing.Dimension, threshold),
            EmbedderChoice.Ollama => new SiloEmbedder(
                OllamaEmbeddingGeneratorFactory.Create(options.OllamaEndpoint!, options.OllamaModel!), KnownEmbedders.OllamaName(options.OllamaModel!),
                dimension: null, threshold),
            _ => new SiloEmbedder(
                new SentenceEmbeddingGenerator(SentenceEmbeddingModel.MiniLm()), KnownEmbedders.MiniLm.Name, KnownEmbedders.MiniLm.Dimension, threshold),
        };
    }
}
