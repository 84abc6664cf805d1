using Moecraft.Torch.LlmGating;

namespace Moecraft.Tests.LlmGating;

public sealed class SuccessPredictorTests
{
    private const int Dimension = 16;

    [Fact]
    public void A_new_expert_starts_at_one_half_with_the_spread_of_the_heads_priors()
    {
        // H = 5, prior offsets s x {-1, -1/2, 0, 1/2, 1} with s = 2 and no prior direction: logits {-2, -1, 0, 1, 2},
        // p = {0.1192029, 0.2689414, 0.5, 0.7310586, 0.8807971}: mean 0.5, population sd sqrt(0.3967890 / 5) = 0.2817052.
        using var predictor = new SuccessPredictor(Dimension, ["a"], new SuccessPredictorOptions { PriorWeightScale = 0 });

        var estimate = Assert.Single(predictor.Predict(Cluster(0, new Random(1))));

        Assert.Equal("a", estimate.ExpertId);
        Assert.Equal(0.5, estimate.Mean, 1e-6);
        Assert.Equal(0.2817052, estimate.StandardDeviation, 1e-6);
    }

    [Fact]
    public void Antithetic_priors_keep_the_mean_at_one_half_for_any_input_while_the_heads_disagree()
    {
        using var predictor = new SuccessPredictor(Dimension, ["a", "b"]);
        var random = new Random(2);

        var spreads = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var x = Cluster(i % Dimension, random);
            Assert.All(predictor.Predict(x), e =>
            {
                Assert.Equal(0.5, e.Mean, 1e-6);
                spreads.Add(e.StandardDeviation);
            });
        }

        // A random prior direction can partly cancel a head's offset on one input, but never all heads on average.
        Assert.True(spreads.Min() > 0.05, $"smallest sd {spreads.Min()}");
        Assert.True(spreads.Average() > 0.2, $"mean sd {spreads.Average()}");
    }

    [Fact]
    public void Learns_which_expert_succeeds_on_which_cluster_from_scores()
    {
        using var predictor = new SuccessPredictor(Dimension, ["a", "b"], new SuccessPredictorOptions { Seed = 3 });
        var random = new Random(3);
        for (var i = 0; i < 300; i++)
        {
            var cluster = i % 2;
            var x = Cluster(cluster, random);
            predictor.Observe(x, "a", cluster == 0 ? 0.9 : 0.1);
            predictor.Observe(x, "b", cluster == 0 ? 0.2 : 0.8);
        }

        var first = predictor.Predict(Cluster(0, random));
        var second = predictor.Predict(Cluster(1, random));

        Assert.InRange(first[0].Mean, 0.8, 1.0);
        Assert.InRange(first[1].Mean, 0.0, 0.3);
        Assert.InRange(second[0].Mean, 0.0, 0.2);
        Assert.InRange(second[1].Mean, 0.7, 1.0);
        Assert.All(first.Concat(second), e => Assert.True(e.StandardDeviation < 0.1, $"sd {e.StandardDeviation}"));
        Assert.Equal(600, predictor.Observations);
    }

    [Fact]
    public void Heads_disagree_more_where_data_is_thin()
    {
        using var predictor = new SuccessPredictor(Dimension, ["a"], new SuccessPredictorOptions { Seed = 4 });
        var random = new Random(4);
        for (var i = 0; i < 200; i++) predictor.Observe(Cluster(0, random), "a", 0.9);

        var seen = predictor.Predict(Cluster(0, random))[0];
        var unseen = predictor.Predict(Cluster(5, random))[0];

        Assert.True(unseen.StandardDeviation > 3 * seen.StandardDeviation, $"seen {seen.StandardDeviation}, unseen {unseen.StandardDeviation}");
    }

    [Fact]
    public void A_pairwise_preference_raises_the_better_expert_over_the_worse_one()
    {
        using var predictor = new SuccessPredictor(Dimension, ["a", "b", "c"], new SuccessPredictorOptions { Seed = 5 });
        var random = new Random(5);
        var x = Cluster(2, random);
        var before = predictor.Predict(x);

        for (var i = 0; i < 100; i++) predictor.ObservePreference(Cluster(2, random), "b", "a");

        var after = predictor.Predict(x);
        Assert.Equal(0, before[1].Mean - before[0].Mean, 1e-6);
        Assert.True(after[1].Mean - after[0].Mean > 0.5, $"b {after[1].Mean}, a {after[0].Mean}");
        Assert.Equal(before[2], after[2]);   // an expert outside the comparison is untouched
        Assert.Equal(100, predictor.Observations);
    }

    [Fact]
    public void An_expert_added_later_starts_at_the_prior_and_leaves_the_others_unchanged()
    {
        using var predictor = new SuccessPredictor(Dimension, ["a"], new SuccessPredictorOptions { Seed = 6 });
        using var fresh = new SuccessPredictor(Dimension, ["a", "late"], new SuccessPredictorOptions { Seed = 6 });
        var random = new Random(6);
        for (var i = 0; i < 50; i++) predictor.Observe(Cluster(1, random), "a", 0.95);
        var x = Cluster(1, random);
        var before = predictor.Predict(x)[0];

        predictor.AddExpert("late");

        var after = predictor.Predict(x);
        Assert.Equal(["a", "late"], predictor.Experts);
        Assert.Equal(before, after[0]);
        Assert.Equal(0.5, after[1].Mean, 1e-6);
        Assert.True(after[1].StandardDeviation > 0.15);
        Assert.Equal(fresh.Predict(x)[1], after[1]);   // the prior depends on the seed and the expert's ordinal only
    }

    [Fact]
    public void The_same_seed_and_feedback_give_the_same_predictions_and_another_seed_does_not()
    {
        SuccessPredictorState Train(ulong seed)
        {
            using var predictor = new SuccessPredictor(Dimension, ["a", "b"], new SuccessPredictorOptions { Seed = seed });
            var random = new Random(7);
            for (var i = 0; i < 40; i++)
            {
                predictor.Observe(Cluster(i % 3, random), "a", random.NextDouble());
                predictor.ObservePreference(Cluster(i % 3, random), "a", "b");
            }
            return predictor.ExportState();
        }

        var first = Train(11);
        var second = Train(11);
        var other = Train(12);

        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Bias, second.Bias);
        Assert.Equal(first.RandomState, second.RandomState);
        Assert.NotEqual(first.Weights, other.Weights);
    }

    [Fact]
    public void State_round_trips_through_plain_arrays_and_training_continues_identically()
    {
        var random = new Random(8);
        using var original = new SuccessPredictor(Dimension, ["a", "b"], new SuccessPredictorOptions { Seed = 8 });
        for (var i = 0; i < 30; i++) original.Observe(Cluster(i % 2, random), i % 2 == 0 ? "a" : "b", 0.7);
        var state = original.ExportState();

        using var restored = new SuccessPredictor(state);
        var x = Cluster(0, random);
        Assert.Equal(original.Predict(x), restored.Predict(x));
        AssertSameState(state, restored.ExportState());

        // The bootstrap generator's state travels too, so both continue with the same Poisson draws.
        original.Observe(x, "b", 0.2);
        restored.Observe(x, "b", 0.2);
        original.AddExpert("c");
        restored.AddExpert("c");
        AssertSameState(original.ExportState(), restored.ExportState());
        Assert.Equal(31, restored.Observations);
    }

    [Fact]
    public void Bad_input_is_rejected_and_changes_nothing()
    {
        using var predictor = new SuccessPredictor(Dimension, ["a", "b"]);
        var random = new Random(9);
        predictor.Observe(Cluster(0, random), "a", 0.5);
        var before = predictor.ExportState();
        var x = Cluster(0, random);
        var nan = (float[])x.Clone();
        nan[3] = float.NaN;

        Assert.Contains("takes 16", Assert.Throws<ArgumentException>(() => predictor.Predict(new float[8])).Message);
        Assert.Throws<ArgumentException>(() => predictor.Predict(nan));
        Assert.Throws<ArgumentException>(() => predictor.Observe(nan, "a", 0.5));
        Assert.Contains("Unknown expert 'z'", Assert.Throws<ArgumentException>(() => predictor.Observe(x, "z", 0.5)).Message);
        Assert.Throws<ArgumentException>(() => predictor.Observe(x, "a", 1.5));
        Assert.Throws<ArgumentException>(() => predictor.Observe(x, "a", double.NaN));
        Assert.Throws<ArgumentException>(() => predictor.ObservePreference(x, "a", "a"));
        Assert.Throws<ArgumentException>(() => predictor.ObservePreference(x, "a", "z"));
        Assert.Throws<ArgumentException>(() => predictor.AddExpert("a"));
        Assert.Throws<ArgumentException>(() => predictor.AddExpert(" "));

        AssertSameState(before, predictor.ExportState());
    }

    [Fact]
    public void Bad_options_and_inconsistent_state_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(Dimension, ["a"], new SuccessPredictorOptions { Heads = 0 }));
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(Dimension, ["a"], new SuccessPredictorOptions { LearningRate = 0 }));
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(Dimension, ["a", "a"]));
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(0, ["a"]));

        using var predictor = new SuccessPredictor(Dimension, ["a"]);
        var state = predictor.ExportState();
        Assert.Contains("Weights", Assert.Throws<ArgumentException>(() => new SuccessPredictor(state with { Weights = new float[3] })).Message);
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(state with { Experts = ["a", "b"] }));
        var poisoned = (float[])state.Bias.Clone();
        poisoned[0] = float.PositiveInfinity;
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(state with { Bias = poisoned }));
        Assert.Contains("5 heads", Assert.Throws<ArgumentException>(() => new SuccessPredictor(state, new SuccessPredictorOptions { Heads = 3 })).Message);
    }

    [Fact]
    public void The_step_size_decays_with_the_observations_down_to_its_floor()
    {
        var options = new SuccessPredictorOptions { LearningRate = 0.5, LearningRateDecaySteps = 100, MinimumLearningRate = 0.05 };

        Assert.Equal(0.5, options.LearningRateAt(0), 1e-12);
        Assert.Equal(0.5 / Math.Sqrt(2), options.LearningRateAt(100), 1e-12);
        Assert.Equal(0.25, options.LearningRateAt(300), 1e-12);
        Assert.Equal(0.05, options.LearningRateAt(1_000_000), 1e-12);
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(Dimension, ["a"], options with { LearningRateDecaySteps = 0 }));
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(Dimension, ["a"], options with { MinimumLearningRate = -1 }));

        using var predictor = new SuccessPredictor(Dimension, ["a"], options);
        var random = new Random(10);
        for (var i = 0; i < 300; i++) predictor.Observe(Cluster(0, random), "a", 1);
        Assert.Equal(0.25, predictor.LearningRate, 1e-12);
    }

    [Fact]
    public void Prompt_statistics_are_appended_to_the_embedding_and_learned_with_their_own_weights()
    {
        // Two prompts with the same embedding differ only in a statistic (say length): only its weight can tell them apart.
        using var predictor = new SuccessPredictor(Dimension + 2, ["a"], new SuccessPredictorOptions { Seed = 11 }, statisticsWidth: 2);
        var embedding = Cluster(0, new Random(11));
        var shortPrompt = predictor.Features(embedding, [0.1f, 0]);
        var longPrompt = predictor.Features(embedding, [0.9f, 0]);
        for (var i = 0; i < 400; i++)
        {
            predictor.Observe(shortPrompt, "a", 1);
            predictor.Observe(longPrompt, "a", 0);
        }

        Assert.Equal((Dimension, 2), (predictor.EmbeddingDimension, predictor.StatisticsWidth));
        Assert.Equal(embedding, predictor.Features(embedding, [])[..Dimension]);
        Assert.Equal([0f, 0f], predictor.Features(embedding, [])[Dimension..]);
        Assert.True(predictor.Predict(shortPrompt)[0].Mean > predictor.Predict(longPrompt)[0].Mean + 0.3);
        Assert.Throws<ArgumentException>(() => predictor.Features(embedding, [1f]));
        Assert.Throws<ArgumentException>(() => predictor.Features(new float[3], [1f, 1f]));
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(Dimension, ["a"], statisticsWidth: Dimension));
        Assert.Equal(2, new SuccessPredictor(predictor.ExportState()).StatisticsWidth);
    }

    [Fact]
    public void A_state_saved_before_prompt_statistics_loads_and_sees_the_embedding_alone()
    {
        // Without calibration steps, so its predictions are what a predictor from before issue 14 made.
        using var old = new SuccessPredictor(Dimension, ["a"], new SuccessPredictorOptions { Seed = 12, CalibrationLearningRate = 0 });
        var random = new Random(12);
        for (var i = 0; i < 20; i++) old.Observe(Cluster(0, random), "a", 0.8);
        var saved = old.ExportState();
        // What a record persisted before issue 14 reads back as: the new members absent, so their defaults.
        var record = Moecraft.Routing.SuccessPredictorRecord.From(saved);
        record.StatisticsWidth = default;
        record.Calibration = default;

        using var restored = new SuccessPredictor(record.ToState());
        var x = Cluster(0, random);

        Assert.Equal((0, Dimension), (restored.StatisticsWidth, restored.EmbeddingDimension));
        Assert.Equal(x, restored.Features(x, [0.5f, 0.5f]));
        Assert.Equal(old.Predict(x), restored.Predict(x));
        AssertSameState(saved, restored.ExportState());
    }

    [Fact]
    public void Calibration_learns_to_undo_the_heads_pull_towards_one_half()
    {
        // One cluster almost always succeeds: after a few scores the heads' mean is still pulled towards 0.5 (their priors
        // disagree), the calibrated mean less. A small step size keeps the heads slow, as they are on real data.
        var random = new Random(13);
        var slow = new SuccessPredictorOptions { Seed = 13, LearningRate = 0.05 };
        using var raw = new SuccessPredictor(Dimension, ["a"], slow with { CalibrationLearningRate = 0 });
        using var calibrated = new SuccessPredictor(Dimension, ["a"], slow with { CalibrationLearningRate = 0.05 });
        for (var i = 0; i < 100; i++)
        {
            var x = Cluster(0, random);
            raw.Observe(x, "a", 0.95);
            calibrated.Observe(x, "a", 0.95);
        }

        var probe = Cluster(0, random);
        var rawMean = raw.Predict(probe)[0].Mean;
        var calibratedMean = calibrated.Predict(probe)[0].Mean;
        Assert.True(Math.Abs(calibratedMean - 0.95) < Math.Abs(rawMean - 0.95), $"raw {rawMean:0.000}, calibrated {calibratedMean:0.000}");
        // The heads are the same (the calibration does not touch them), so the spread is too.
        Assert.Equal(raw.Predict(probe)[0].StandardDeviation, calibrated.Predict(probe)[0].StandardDeviation, 1e-9);
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(calibrated.ExportState() with { Calibration = [1f] }));
        Assert.Throws<ArgumentException>(() => new SuccessPredictor(Dimension, ["a"], slow with { CalibrationLearningRate = -1 }));
    }

    private static void AssertSameState(SuccessPredictorState expected, SuccessPredictorState actual)
    {
        Assert.Equal((expected.Dimension, expected.Heads, expected.Seed, expected.RandomState, expected.Observations),
            (actual.Dimension, actual.Heads, actual.Seed, actual.RandomState, actual.Observations));
        Assert.Equal(expected.Experts, actual.Experts);
        Assert.Equal(expected.Weights, actual.Weights);
        Assert.Equal(expected.Bias, actual.Bias);
        Assert.Equal(expected.PriorWeights, actual.PriorWeights);
        Assert.Equal(expected.PriorBias, actual.PriorBias);
        Assert.Equal(expected.Calibration, actual.Calibration);
        Assert.Equal(expected.StatisticsWidth, actual.StatisticsWidth);
    }

    /// <summary>A unit vector near axis <paramref name="axis"/>: a stand-in for prompts of one topic.</summary>
    private static float[] Cluster(int axis, Random random)
    {
        var x = new float[Dimension];
        for (var i = 0; i < Dimension; i++) x[i] = (float)(0.05 * (random.NextDouble() - 0.5));
        x[axis] += 1;
        var norm = (float)Math.Sqrt(x.Sum(v => v * v));
        for (var i = 0; i < Dimension; i++) x[i] /= norm;
        return x;
    }
}
