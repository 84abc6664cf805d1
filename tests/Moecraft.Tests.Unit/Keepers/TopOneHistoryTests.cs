using Moecraft.Kernel;

namespace Moecraft.Tests.Keepers;

/// <summary>The stable top-1 count behind a reflex's first gate (SPEC 5.3).</summary>
public sealed class TopOneHistoryTests
{
    private static readonly float[] Centroid = [1, 0, 0];
    private static readonly float[] Inside = [1, 0.01f, 0];
    private static readonly float[] Outside = [0, 1, 0];

    [Fact]
    public void Counts_consecutive_in_region_calls_back_from_the_newest_and_skips_calls_outside()
    {
        var history = new TopOneHistory(16);
        history.Record(Inside, "a");
        history.Record(Inside, "b");
        history.Record(Inside, "a");
        history.Record(Outside, "b");
        history.Record(Inside, "a");

        Assert.Equal(2, history.StableTopOne(Centroid, 0.01, "a"));
        Assert.Equal(0, history.StableTopOne(Centroid, 0.01, "b"));
        Assert.Equal(1, history.StableTopOne(Outside, 0.01, "b"));
        Assert.Equal(0, history.StableTopOne([1, 0], 0.01, "a")); // another width never matches
    }

    [Fact]
    public void Keeps_only_the_most_recent_calls()
    {
        var history = new TopOneHistory(3);
        for (var i = 0; i < 5; i++) history.Record(Inside, "a");
        Assert.Equal(3, history.Count);
        Assert.Equal(3, history.StableTopOne(Centroid, 0.01, "a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopOneHistory(0));
    }
}
