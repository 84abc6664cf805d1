using Microsoft.Extensions.AI;

namespace Moecraft.Experts.Http;

/// <summary>An embedding generator that also disposes a resource its inner generator uses but does not own (its HTTP client).</summary>
public sealed class OwningEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, IDisposable owned)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(innerGenerator)
{
    protected override void Dispose(bool disposing)
    {
        if (disposing) owned.Dispose();
        base.Dispose(disposing);
    }
}
