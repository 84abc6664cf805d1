using Moecraft.Kernel;

namespace Moecraft.Tests.Keepers;

public sealed class FailureRegionsTests
{
    private static float[] Near(float[] basis, int seed, float noise)
    {
        var random = new Random(seed);
        return [.. basis.Select(v => v + (float)(random.NextDouble() - 0.5) * noise)];
    }

    [Fact]
    public void Three_failures_close_together_become_a_region_that_holds_them_and_the_evidence_is_forgotten()
    {
        var regions = new FailureRegions();
        var basis = Cluster.TestExperts.Vector(1, 64);
        Assert.Null(regions.Record("e", Near(basis, 1, 0.05f)));
        Assert.Null(regions.Record("e", Near(basis, 2, 0.05f)));
        var candidate = regions.Record("e", Near(basis, 3, 0.05f));

        Assert.NotNull(candidate);
        Assert.Equal(3, candidate.Failures);
        Assert.InRange(candidate.Radius, FailureRegions.MinRadius, FailureRegions.DefaultMaxRadius + 0.01);
        foreach (var seed in new[] { 1, 2, 3 }) Assert.True(ScarRegion.Contains(candidate.Centroid, candidate.Radius, Near(basis, seed, 0.05f)));
        Assert.True(ScarRegion.CosineDistance(candidate.Centroid, basis) < 0.01);
        // The evidence was used: the next failure starts a new count.
        Assert.Null(regions.Record("e", Near(basis, 4, 0.05f)));
    }

    [Fact]
    public void Failures_far_apart_or_of_other_experts_do_not_make_a_region()
    {
        var regions = new FailureRegions();
        for (var seed = 1; seed <= 10; seed++) Assert.Null(regions.Record("e", Cluster.TestExperts.Vector(seed, 64)));
        var basis = Cluster.TestExperts.Vector(99, 64);
        Assert.Null(regions.Record("a", basis));
        Assert.Null(regions.Record("b", basis));
        Assert.Null(regions.Record("c", basis));
        Assert.Null(regions.Record("a", basis));
        Assert.NotNull(regions.Record("a", basis));
    }
}
