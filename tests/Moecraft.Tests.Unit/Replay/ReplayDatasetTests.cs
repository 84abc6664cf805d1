using Moecraft.Experts.Replay;

namespace Moecraft.Tests.Replay;

public sealed class ReplayDatasetTests
{
    private const string Valid = """
        {"id": "q1", "prompt": "What is 2+2?", "split": "train", "outcomes": {"small": {"quality": 0.9, "input_tokens": 5, "output_tokens": 3, "latency_ms": 120, "response": "4"}, "large": {"quality": 1, "input_tokens": 5, "output_tokens": 8, "latency_ms": 900.5}}}

        {"id": "q2", "prompt": "Name a prime.", "split": "test", "outcomes": {"large": {"quality": 0.0, "input_tokens": 0, "output_tokens": 0, "latency_ms": 0, "response": null}}}
        """;

    [Fact]
    public void Parses_items_outcomes_splits_and_experts()
    {
        var dataset = ReplayDataset.Parse(Valid);

        Assert.Equal(["q1", "q2"], dataset.Items.Select(i => i.Id));
        Assert.Equal(["small", "large"], dataset.Experts);
        Assert.Equal("q1", Assert.Single(dataset.Train).Id);
        Assert.Equal("q2", Assert.Single(dataset.Test).Id);
        Assert.Equal(new ReplayOutcome(0.9, 5, 3, 120, "4"), dataset.Get("q1").Outcomes["small"]);
        Assert.Equal(new ReplayOutcome(1, 5, 8, 900.5), dataset.Get("q1").Outcomes["large"]);
        Assert.Null(dataset.Get("q2").Outcomes["large"].Response);
        Assert.True(dataset.TryFindByPrompt("Name a prime.", out var found));
        Assert.Equal("q2", found.Id);
        Assert.False(dataset.TryFindByPrompt("name a prime.", out _));
        Assert.Throws<ArgumentException>(() => dataset.Get("q3"));
    }

    [Fact]
    public void Writes_jsonl_that_reads_back_equal()
    {
        var dataset = ReplayDataset.Parse(Valid);

        var again = ReplayDataset.Parse(dataset.ToJsonl());

        Assert.Equal(2, dataset.ToJsonl().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(dataset.Items.Count, again.Items.Count);
        foreach (var (expected, actual) in dataset.Items.Zip(again.Items))
        {
            Assert.Equal((expected.Id, expected.Prompt, expected.Split), (actual.Id, actual.Prompt, actual.Split));
            Assert.Equal(expected.Outcomes.OrderBy(o => o.Key), actual.Outcomes.OrderBy(o => o.Key));
        }
    }

    private const string Good = """{"id": "ok", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""";

    [Theory]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1""", "Line 2: Not valid JSON")]
    [InlineData("""{"id": "ok", "prompt": "q", "split": "test", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "Line 2: Duplicate id 'ok' (first on line 1)")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 1.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "Line 2: Item 'x', expert 'e': quality 1.5 is outside [0, 1]")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": -0.1, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "outside [0, 1]")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": -3, "output_tokens": 1, "latency_ms": 1}}}""", "Line 2: Item 'x', expert 'e': input_tokens -3 is negative")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": -1, "latency_ms": 1}}}""", "output_tokens -1 is negative")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1.5, "output_tokens": 1, "latency_ms": 1}}}""", "\"input_tokens\" must be a whole number")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": -5}}}""", "latency_ms -5")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": "high", "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "\"quality\" must be a finite number")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "has no \"quality\"")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "validation", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "expected \"train\" or \"test\"")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {}}""", "Item 'x' has no outcomes")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "extra": 1, "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "unknown field \"extra\"")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1, "score": 2}}}""", "unknown field \"score\"")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}, "e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "lists expert 'e' twice")]
    [InlineData("""{"id": 7, "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "\"id\" must be a string")]
    [InlineData("""{"prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "has no \"id\"")]
    [InlineData("""{"id": "x", "prompt": " ", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}""", "blank \"prompt\"")]
    [InlineData("""[1, 2]""", "Line 2: Expected a JSON object")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1, "samples": {"response": "4"}}}}""", "\"samples\" must be an array")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1, "samples": [{"output_tokens": 2}]}}}""", "Item 'x', expert 'e', sample 1 has no \"response\"")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1, "samples": [{"output_tokens": 2, "response": "4", "quality": 1}]}}}""", "sample 1 has an unknown field \"quality\"")]
    [InlineData("""{"id": "x", "prompt": "p", "split": "train", "outcomes": {"e": {"quality": 0.5, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1, "samples": [{"output_tokens": 2, "response": "4"}, {"output_tokens": -2, "response": "5"}]}}}""", "sample 2's output_tokens -2 is negative")]
    public void A_bad_second_line_is_reported_with_its_line_number(string badLine, string expectedMessage)
    {
        var error = Assert.Throws<ReplayDatasetException>(() => ReplayDataset.Parse(Good + "\n" + badLine + "\n"));

        Assert.Contains(expectedMessage, error.Message);
        Assert.Equal(2, error.LineNumber);
        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    [Fact]
    public void Further_answers_of_an_expert_are_read_in_order_and_written_back()
    {
        var dataset = ReplayDataset.Parse("""
            {"id": "q1", "prompt": "What is 2+2?", "split": "test", "outcomes": {"small": {"quality": 1, "input_tokens": 5, "output_tokens": 3, "latency_ms": 0, "response": "4", "samples": [{"output_tokens": 2, "response": "four"}, {"output_tokens": 7, "response": "The answer is 5."}]}}}
            """);

        var again = ReplayDataset.Parse(dataset.ToJsonl());

        foreach (var read in new[] { dataset, again })
        {
            var outcome = read.Get("q1").Outcomes["small"];
            Assert.Equal("4", outcome.Response);
            Assert.Equal([new ReplaySample(2, "four"), new ReplaySample(7, "The answer is 5.")], outcome.SampleList);
        }
        Assert.Empty(ReplayDataset.Parse(Valid).Get("q1").Outcomes["small"].SampleList);
    }

    [Fact]
    public void An_empty_dataset_is_rejected()
    {
        Assert.Contains("no items", Assert.Throws<ReplayDatasetException>(() => ReplayDataset.Parse("\n  \n")).Message);
        Assert.Throws<ReplayDatasetException>(() => ReplayDataset.Create([]));
    }

    [Fact]
    public void Items_built_in_code_follow_the_same_rules()
    {
        var outcome = new ReplayOutcome(0.5, 1, 1, 1);
        var good = new ReplayItem("a", "p", ReplaySplit.Train, new Dictionary<string, ReplayOutcome> { ["e"] = outcome });

        Assert.Single(ReplayDataset.Create([good]).Items);
        Assert.Equal(2, Assert.Throws<ReplayDatasetException>(() => ReplayDataset.Create([good, good])).LineNumber);
        Assert.Throws<ReplayDatasetException>(() => ReplayDataset.Create([good with { Id = "b", Outcomes = new Dictionary<string, ReplayOutcome> { ["e"] = outcome with { Quality = 2 } } }]));
    }
}
