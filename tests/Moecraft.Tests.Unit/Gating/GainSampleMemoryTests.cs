using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

/// <summary>The bounded memory of prompts with known scores that the memory-based gain estimates learn from.</summary>
public sealed class GainSampleMemoryTests
{
    [Fact]
    public void It_holds_copies_and_replaces_the_oldest_when_full()
    {
        var memory = new GainSampleMemory(2, 2);
        float[] input = [1, 2];
        var scores = new Dictionary<string, double> { ["a"] = 0, ["b"] = 1 };
        memory.Add(input, scores);
        input[0] = 9;
        scores["b"] = 0;

        Assert.Equal([1f, 2f], memory.Input(0).ToArray());
        Assert.Equal(1, memory.Gain(0, "a", "b"));

        memory.Add([3, 4], new Dictionary<string, double> { ["a"] = 1 });
        memory.Add([5, 6], new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.25 });

        Assert.Equal(2, memory.Count);
        Assert.Equal(3, memory.Added);
        Assert.Equal([5f, 6f], memory.Input(0).ToArray());
        Assert.Equal(-0.25, memory.Gain(0, "a", "b"));
        Assert.Null(memory.Gain(1, "a", "b"));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Input(2));
    }

    [Fact]
    public void A_bad_sample_is_refused_and_changes_nothing()
    {
        var memory = new GainSampleMemory(2, 4);

        Assert.Throws<ArgumentException>(() => memory.Add([1], new Dictionary<string, double> { ["a"] = 0 }));
        Assert.Throws<ArgumentException>(() => memory.Add([1, float.NaN], new Dictionary<string, double> { ["a"] = 0 }));
        Assert.Throws<ArgumentException>(() => memory.Add([1, 2], new Dictionary<string, double> { [" "] = 0 }));
        Assert.Throws<ArgumentException>(() => memory.Add([1, 2], new Dictionary<string, double> { ["a"] = double.NaN }));
        Assert.Throws<ArgumentException>(() => memory.Add([1, 2], new Dictionary<string, double>()));
        Assert.Throws<ArgumentException>(() => new GainSampleMemory(2, 0));
        Assert.Equal(0, memory.Count);
    }
}
