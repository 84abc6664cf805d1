using Moecraft.Torch.CharModel;

namespace Moecraft.Tests.Moe;

public sealed class CharCorpusTests
{
    private static readonly Lazy<CharCorpus> Corpus = new(CharCorpus.LoadEmbedded);

    [Fact]
    public void Embedded_corpus_has_the_bench_vocabulary_and_split()
    {
        var corpus = Corpus.Value;

        Assert.Equal(1_115_394, corpus.Length);
        Assert.Equal(65, corpus.Vocabulary.Count);
        Assert.Equal(1_003_854, corpus.TrainLength);   // first 90%, floored
        Assert.Equal(111_540, corpus.ValidationLength);
        Assert.Equal('\n', corpus.Vocabulary[0]);
        Assert.Equal("First Citizen", corpus.Decode(corpus.Encode("First Citizen").Select(id => (long)id)));
    }

    [Fact]
    public void Altered_text_is_rejected_with_both_hashes()
    {
        var bytes = "First Citizen:\nBefore we proceed any further, hear me speak."u8.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => CharCorpus.FromBytes(bytes, "altered.txt"));

        Assert.Contains("altered.txt", error.Message);
        Assert.Contains(CharCorpus.ExpectedSha256, error.Message);
    }

    [Fact]
    public void Validation_batches_are_fixed_and_targets_are_the_next_character()
    {
        var first = Corpus.Value.ValidationBatches();
        var second = Corpus.Value.ValidationBatches();

        Assert.Equal(40, first.Count);
        Assert.All(first, batch => Assert.Equal(32 * 64, batch.Inputs.Length));
        Assert.Equal(first.SelectMany(b => b.Inputs), second.SelectMany(b => b.Inputs));
        var batch = first[0];
        for (var i = 0; i < batch.Context - 1; i++) Assert.Equal(batch.Targets[i], batch.Inputs[i + 1]);
    }

    [Fact]
    public void Training_batches_follow_their_seed()
    {
        var a = Corpus.Value.SampleTrain(new Random(7), batchSize: 4, context: 16);
        var b = Corpus.Value.SampleTrain(new Random(7), batchSize: 4, context: 16);
        var c = Corpus.Value.SampleTrain(new Random(8), batchSize: 4, context: 16);

        Assert.Equal(a.Inputs, b.Inputs);
        Assert.NotEqual(a.Inputs, c.Inputs);
    }
}
