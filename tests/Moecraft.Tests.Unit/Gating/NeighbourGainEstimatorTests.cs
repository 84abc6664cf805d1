using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

/// <summary>The nearest-neighbour gain estimate (issue 14): the similarity-weighted gain of the closest remembered prompts, shrunk toward the mean.</summary>
public sealed class NeighbourGainEstimatorTests
{
    // Two kinds of prompt: on "hard" ones only premium succeeds, on "easy" ones both do; each sample a little jittered.
    private static readonly float[] Hard = [1, 0, 0];
    private static readonly float[] Easy = [0, 1, 0];
    private static readonly float[] Unrelated = [0, 0, 1];
    private static readonly NeighbourGainOptions Sharp = new() { Neighbours = 10, Temperature = 0.05, PriorStrength = 0.01, MinimumSamples = 0 };

    private static Dictionary<string, double> Scores(double cheap, double premium) => new() { ["cheap"] = cheap, ["premium"] = premium };

    private static float[] Near(float[] v, int i) => [v[0] + 0.01f * (i % 3), v[1] + 0.01f * (i % 5), v[2]];

    private static NeighbourGainEstimator Trained(NeighbourGainOptions? options = null, int samples = 40)
    {
        var estimator = new NeighbourGainEstimator(3, 1000, options ?? Sharp);
        for (var i = 0; i < samples; i++)
        {
            estimator.Observe(Near(Hard, i), Scores(0, 1));
            estimator.Observe(Near(Easy, i), Scores(1, 1));
        }
        return estimator;
    }

    [Fact]
    public void A_prompt_gets_the_gain_of_the_prompts_most_like_it()
    {
        var estimator = Trained();

        Assert.InRange(estimator.Predict(Hard, "cheap", "premium")!.Value, 0.95, 1);
        Assert.InRange(estimator.Predict(Easy, "cheap", "premium")!.Value, 0, 0.05);
        Assert.InRange(estimator.ProbabilityBetter(Hard, "cheap", "premium")!.Value, 0.95, 1);
    }

    [Fact]
    public void The_reverse_direction_is_the_negated_gain()
    {
        var estimator = Trained();

        Assert.Equal(-estimator.Predict(Hard, "cheap", "premium")!.Value, estimator.Predict(Hard, "premium", "cheap")!.Value, 12);
        var gains = estimator.PredictAll(Hard, ["premium", "cheap"]);
        Assert.Equal(estimator.Predict(Hard, "cheap", "premium")!.Value, gains.Of("cheap", "premium")!.Value, 12);
    }

    [Fact]
    public void A_prompt_far_from_every_sample_gets_the_mean_gain()
    {
        var estimator = Trained(Sharp with { PriorStrength = 1 });

        // Every sample is orthogonal to it: weights exp(-1 / 0.05) are negligible against the prior's 1.
        Assert.InRange(estimator.Predict(Unrelated, "cheap", "premium")!.Value, 0.49, 0.51);
        // Without the prior the same far neighbours decide alone (half hard, half easy among the ten ranked first).
        Assert.NotNull(Trained(Sharp with { PriorStrength = 0 }).Predict(Unrelated, "cheap", "premium"));
    }

    [Fact]
    public void More_shrinkage_pulls_a_close_prompt_toward_the_mean()
    {
        var weak = Trained(Sharp with { PriorStrength = 0.01 }).Predict(Hard, "cheap", "premium")!.Value;
        var strong = Trained(Sharp with { PriorStrength = 100 }).Predict(Hard, "cheap", "premium")!.Value;

        Assert.True(strong < weak - 0.3, $"strong shrinkage {strong}, weak {weak}");
        Assert.True(strong > 0.5);
    }

    [Fact]
    public void With_one_neighbour_and_no_prior_the_nearest_sample_decides()
    {
        var estimator = new NeighbourGainEstimator(3, 10, new NeighbourGainOptions { Neighbours = 1, Temperature = 1, PriorStrength = 0, MinimumSamples = 0 });
        estimator.Observe(Hard, Scores(0, 1));
        estimator.Observe(Easy, Scores(1, 0));

        Assert.Equal(1, estimator.Predict([0.9f, 0.1f, 0], "cheap", "premium")!.Value, 12);
        Assert.Equal(-1, estimator.Predict([0.1f, 0.9f, 0], "cheap", "premium")!.Value, 12);
    }

    [Fact]
    public void A_pair_with_too_few_samples_has_no_estimate()
    {
        var estimator = Trained(Sharp with { MinimumSamples = 100 }, samples: 40);

        Assert.Null(estimator.Predict(Hard, "cheap", "premium"));
        Assert.Equal(0, estimator.PredictAll(Hard, ["cheap", "premium"]).Count);
        // A sample without one of the two experts does not count for the pair.
        estimator.Observe(Hard, new Dictionary<string, double> { ["cheap"] = 1, ["other"] = 0 });
        Assert.Null(Trained(Sharp with { MinimumSamples = 81 }).Predict(Hard, "cheap", "premium"));
    }

    [Fact]
    public void When_full_the_oldest_samples_leave_first()
    {
        var estimator = new NeighbourGainEstimator(3, 20, Sharp);
        for (var i = 0; i < 20; i++) estimator.Observe(Near(Hard, i), Scores(0, 1));
        for (var i = 0; i < 20; i++) estimator.Observe(Near(Hard, i), Scores(1, 1));

        Assert.Equal(20, estimator.Count);
        Assert.Equal(0, estimator.Predict(Hard, "cheap", "premium")!.Value, 9);
    }

    [Fact]
    public void Several_settings_at_once_give_what_each_gives_alone()
    {
        var settings = new[] { Sharp, Sharp with { Neighbours = 0, Temperature = 1 }, Sharp with { PriorStrength = 10 } };
        var together = Trained().PredictAll([0.7f, 0.7f, 0.1f], ["cheap", "premium"], settings);

        for (var s = 0; s < settings.Length; s++)
            Assert.Equal(Trained(settings[s]).Predict([0.7f, 0.7f, 0.1f], "cheap", "premium")!.Value, together[s].Of("cheap", "premium")!.Value, 12);
    }

    [Fact]
    public void Bad_input_is_refused_and_changes_nothing()
    {
        var estimator = Trained();
        var count = estimator.Count;

        Assert.Throws<ArgumentException>(() => estimator.Observe([1, 0], Scores(0, 1)));
        Assert.Throws<ArgumentException>(() => estimator.Observe([float.NaN, 0, 0], Scores(0, 1)));
        Assert.Throws<ArgumentException>(() => estimator.Observe(Hard, Scores(0, 1.5)));
        Assert.Throws<ArgumentException>(() => estimator.Observe(Hard, new Dictionary<string, double>()));
        Assert.Throws<ArgumentException>(() => estimator.Predict(Hard, "cheap", "cheap"));
        Assert.Throws<ArgumentException>(() => estimator.Predict([1, 0], "cheap", "premium"));
        Assert.Throws<ArgumentException>(() => new NeighbourGainEstimator(3, 10, new NeighbourGainOptions { Temperature = 0 }));
        Assert.Throws<ArgumentException>(() => new NeighbourGainEstimator(3, 0));
        Assert.Equal(count, estimator.Count);
    }
}
