using Moecraft.Experts.Embeddings;

namespace Moecraft.Tests.Embeddings;

/// <summary>One all-MiniLM-L6-v2 for the whole test run (half a second and 90 MB to load), as a silo holds one.</summary>
internal static class SharedModel
{
    private static readonly Lazy<SentenceEmbeddingModel> Model = new(SentenceEmbeddingModel.MiniLm);

    public static SentenceEmbeddingModel MiniLm => Model.Value;
}
