using Moecraft.Coherence;
using Moecraft.Lifecycle;

namespace Moecraft.Tests.Lifecycle;

public sealed class CosineTwoMeansTests
{
    private static readonly double MidAlpha = HalfLifeEma.Alpha(100);

    [Fact]
    public void The_first_two_distinct_samples_seed_the_centroids()
    {
        // x1 = (3, 0) seeds c1 = (1, 0), n1 = 1; x2 = (0, 2) seeds c2 = (0, 1), n1 = 1 - alpha, n2 = 1.
        // S = (1 - 0) / 2 = 0.5; b = 4 (1 - alpha) / (2 - alpha)^2; B = S b.
        var means = CosineTwoMeans.Create(slots: 1, dimension: 2);
        means.Observe(0, [3.0, 0.0], MidAlpha);
        Assert.Equal(0.0, means.Bimodality(0));
        means.Observe(0, [0.0, 2.0], MidAlpha);

        Assert.Equal([1.0, 0.0], means.First);
        Assert.Equal([0.0, 1.0], means.Second);
        Assert.Equal(0.5, means.Separation(0), 1e-12);
        var balance = 4 * (1 - MidAlpha) / Math.Pow(2 - MidAlpha, 2);
        Assert.Equal(balance, means.Balance(0), 1e-12);
        Assert.Equal(0.5 * balance, means.Bimodality(0), 1e-12);
    }

    [Fact]
    public void A_sample_moves_the_nearer_centroid_by_one_ema_step()
    {
        // c1 = (1, 0), c2 = (0, 1); x = (4, 3) is nearer c1 (cos 0.8 vs 0.6): c1 += alpha ((0.8, 0.6) - (1, 0)).
        var means = CosineTwoMeans.Create(1, 2);
        means.Observe(0, [1.0, 0.0], MidAlpha);
        means.Observe(0, [0.0, 1.0], MidAlpha);
        means.Observe(0, [4.0, 3.0], MidAlpha);

        Assert.Equal(1 - 0.2 * MidAlpha, means.First[0], 1e-12);
        Assert.Equal(0.6 * MidAlpha, means.First[1], 1e-12);
        Assert.Equal([0.0, 1.0], means.Second);
        Assert.Equal((1 - MidAlpha) * (1 - MidAlpha) + 1, means.FirstCounts[0], 1e-12);
        Assert.Equal(1 - MidAlpha, means.SecondCounts[0], 1e-12);
    }

    [Fact]
    public void Two_clusters_give_high_bimodality()
    {
        var means = CosineTwoMeans.Create(1, 2);
        for (var i = 0; i < 200; i++)
        {
            means.Observe(0, i % 2 == 0 ? [1.0, 0.05 * (i % 3)] : [0.05 * (i % 3), 1.0], MidAlpha);
        }

        Assert.True(means.Separation(0) > 0.4, $"S = {means.Separation(0)}");
        Assert.True(means.Balance(0) > 0.99, $"b = {means.Balance(0)}");
        Assert.True(means.Bimodality(0) > 0.25, $"B = {means.Bimodality(0)}");
    }

    [Fact]
    public void One_cluster_gives_low_bimodality()
    {
        var means = CosineTwoMeans.Create(1, 2);
        for (var i = 0; i < 200; i++) means.Observe(0, [1.0, 0.01 * (i % 5)], MidAlpha);

        Assert.True(means.Bimodality(0) < 0.001, $"B = {means.Bimodality(0)}");
    }

    [Fact]
    public void Repeats_of_the_first_direction_do_not_seed_the_second()
    {
        var means = CosineTwoMeans.Create(1, 2);
        means.Observe(0, [1.0, 1.0], MidAlpha);
        means.Observe(0, [2.0, 2.0], MidAlpha);

        Assert.Equal(0.0, means.SecondCounts[0]);
        Assert.Equal(0.0, means.Bimodality(0));
        Assert.Equal(2 - MidAlpha, means.FirstCounts[0], 1e-12);
    }

    [Fact]
    public void Zero_inputs_are_skipped_and_bad_inputs_rejected()
    {
        var means = CosineTwoMeans.Create(2, 2);
        means.Observe(1, [0.0, 0.0], MidAlpha);
        Assert.Equal(0.0, means.FirstCounts[1]);

        Assert.Throws<ArgumentException>(() => means.Observe(0, [1.0, 2.0, 3.0], MidAlpha));
        Assert.Throws<ArgumentException>(() => means.Observe(0, [double.NaN, 2.0], MidAlpha));
        Assert.ThrowsAny<ArgumentException>(() => means.Observe(2, [1.0, 2.0], MidAlpha));
        Assert.Equal(0.0, means.FirstCounts[0]);
    }
}
