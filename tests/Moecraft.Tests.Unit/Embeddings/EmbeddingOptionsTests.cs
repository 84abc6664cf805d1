using Moecraft.Hosting.Configuration;

namespace Moecraft.Tests.Embeddings;

/// <summary><c>Moecraft:Embeddings</c>: the default is the sentence model; a section that does not make sense stops the silo with the setting named.</summary>
public sealed class EmbeddingOptionsTests
{
    [Fact]
    public void The_default_is_the_sentence_model_and_an_Ollama_model_alone_chooses_Ollama()
    {
        Assert.Equal(EmbedderChoice.MiniLm, new MoecraftEmbeddingOptions().Resolve());
        Assert.Equal(EmbedderChoice.Hashing, new MoecraftEmbeddingOptions { Embedder = "Hashing" }.Resolve());
        Assert.Equal(EmbedderChoice.MiniLm, new MoecraftEmbeddingOptions { Embedder = "minilm", CacheSimilarityThreshold = 0.9 }.Resolve());
        Assert.Equal(EmbedderChoice.Ollama, new MoecraftEmbeddingOptions { OllamaEndpoint = "http://localhost:11434", OllamaModel = "nomic-embed-text" }.Resolve());
        Assert.Equal(EmbedderChoice.Ollama,
            new MoecraftEmbeddingOptions { Embedder = "ollama", OllamaEndpoint = "http://localhost:11434", OllamaModel = "nomic-embed-text" }.Resolve());
    }

    [Theory]
    [InlineData("bert", null, null, null, "Moecraft:Embeddings:Embedder is 'bert'")]
    [InlineData("ollama", "http://localhost:11434", null, null, "needs both OllamaEndpoint and OllamaModel")]
    [InlineData(null, null, "nomic-embed-text", null, "needs both OllamaEndpoint and OllamaModel")]
    [InlineData("hashing", "http://localhost:11434", "nomic-embed-text", null, "OllamaEndpoint or OllamaModel is set too")]
    [InlineData("minilm", null, null, 1.5, "CacheSimilarityThreshold is 1.5")]
    [InlineData("minilm", null, null, 0.0, "CacheSimilarityThreshold is 0")]
    public void A_section_that_does_not_make_sense_is_refused_naming_the_setting(string? embedder, string? endpoint, string? model, double? threshold, string expected)
    {
        var options = new MoecraftEmbeddingOptions { Embedder = embedder, OllamaEndpoint = endpoint, OllamaModel = model, CacheSimilarityThreshold = threshold };

        var error = Assert.Throws<ArgumentException>(() => options.Resolve());

        Assert.Contains(expected, error.Message);
    }
}
