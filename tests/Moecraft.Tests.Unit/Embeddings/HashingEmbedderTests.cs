using Moecraft.Embeddings;

namespace Moecraft.Tests.Embeddings;

public sealed class HashingEmbedderTests
{
    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public void Embeddings_are_unit_length_and_repeat_exactly()
    {
        var embedder = new HashingEmbedder();
        var a = embedder.Embed("Route this request to the cheapest expert");
        var b = new HashingEmbedder().Embed("Route this request to the cheapest expert");

        Assert.Equal(512, a.Length);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(v => (double)v * v)), 1e-5);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Related_texts_are_closer_than_unrelated_ones()
    {
        var embedder = new HashingEmbedder();
        var query = embedder.Embed("How do I sort a list in C#?");
        var paraphrase = embedder.Embed("how do i sort a list in c#");
        var unrelated = embedder.Embed("The weather in Lisbon is sunny today");

        Assert.True(Cosine(query, paraphrase) > 0.95);
        Assert.True(Cosine(query, unrelated) < 0.3);
    }

    [Fact]
    public void Text_without_words_embeds_to_zero() =>
        Assert.All(new HashingEmbedder(16).Embed("?!"), v => Assert.Equal(0f, v));
}
