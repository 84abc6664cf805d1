using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

/// <summary>The batch-refit gain model (issue 14): the gain head's softmax, fitted to convergence over every sample held.</summary>
public sealed class BatchGainModelTests
{
    private static readonly float[] Hard = [1, 0, 0.2f];
    private static readonly float[] Easy = [0, 1, 0.2f];
    private static readonly BatchGainOptions Light = new() { L2 = 0.01, MinimumSamples = 1 };

    private static Dictionary<string, double> Scores(double cheap, double premium) => new() { ["cheap"] = cheap, ["premium"] = premium };

    private static BatchGainModel Trained(BatchGainOptions? options = null, int samples = 50)
    {
        var model = new BatchGainModel(3, 1000, options ?? Light);
        for (var i = 0; i < samples; i++)
        {
            model.Observe(Hard, Scores(0, 1));
            model.Observe(Easy, Scores(1, 1));
        }
        model.Refit();
        return model;
    }

    [Fact]
    public void It_learns_where_the_premium_expert_gains_and_where_it_does_not()
    {
        var model = Trained();

        Assert.True(model.Predict(Hard, "cheap", "premium") > 0.8);
        Assert.InRange(model.Predict(Easy, "cheap", "premium")!.Value, -0.1, 0.1);
        Assert.True(model.ProbabilityBetter(Hard, "cheap", "premium") > 0.8);
        Assert.Equal(-model.Predict(Hard, "cheap", "premium")!.Value, model.Predict(Hard, "premium", "cheap")!.Value, 9);
    }

    [Fact]
    public void A_strong_penalty_leaves_the_mean_gain_for_every_prompt()
    {
        var model = Trained(Light with { L2 = 1000 });

        // The bias is not penalised: it still carries the mean gain, 0.5 (half the samples gain 1, half 0).
        Assert.InRange(model.Predict(Hard, "cheap", "premium")!.Value, 0.45, 0.55);
        Assert.InRange(model.Predict(Easy, "cheap", "premium")!.Value, 0.45, 0.55);
    }

    [Fact]
    public void Predictions_read_the_last_refit()
    {
        var model = new BatchGainModel(3, 1000, Light);
        model.Observe(Hard, Scores(0, 1));

        Assert.True(model.IsStale);
        Assert.Null(model.Predict(Hard, "cheap", "premium"));
        model.Refit();
        Assert.False(model.IsStale);
        var before = model.Predict(Hard, "cheap", "premium")!.Value;
        for (var i = 0; i < 20; i++) model.Observe(Hard, Scores(1, 0));
        Assert.Equal(before, model.Predict(Hard, "cheap", "premium")!.Value, 12);
        model.Refit();
        Assert.True(model.Predict(Hard, "cheap", "premium") < 0);
    }

    [Fact]
    public void A_pair_below_the_minimum_samples_is_not_fitted()
    {
        var model = Trained(Light with { MinimumSamples = 101 }, samples: 50);

        Assert.Null(model.Predict(Hard, "cheap", "premium"));
        Assert.Equal(0, model.PredictAll(Hard, ["cheap", "premium"]).Count);
        Assert.Equal(1, Trained(Light with { MinimumSamples = 100 }, samples: 50).PredictAll(Hard, ["cheap", "premium"]).Count);
    }

    [Fact]
    public void A_constant_feature_gets_no_weight_and_does_not_break_the_fit()
    {
        // The third input is the same on every sample: its spread is 0.
        var model = Trained();

        Assert.Equal(model.Predict(Hard, "cheap", "premium")!.Value, model.Predict([1, 0, 5], "cheap", "premium")!.Value, 6);
    }

    [Fact]
    public void When_full_the_oldest_samples_leave_first()
    {
        var model = new BatchGainModel(3, 40, Light);
        for (var i = 0; i < 40; i++) model.Observe(Hard, Scores(0, 1));
        for (var i = 0; i < 40; i++) model.Observe(i % 2 == 0 ? Hard : Easy, Scores(1, 0));
        model.Refit();

        Assert.Equal(40, model.Count);
        Assert.True(model.Predict(Hard, "cheap", "premium") < -0.8);
    }

    [Fact]
    public void Bad_input_is_refused_and_changes_nothing()
    {
        var model = Trained();
        var count = model.Count;

        Assert.Throws<ArgumentException>(() => model.Observe([1, 0], Scores(0, 1)));
        Assert.Throws<ArgumentException>(() => model.Observe([float.PositiveInfinity, 0, 0], Scores(0, 1)));
        Assert.Throws<ArgumentException>(() => model.Observe(Hard, Scores(-0.1, 1)));
        Assert.Throws<ArgumentException>(() => model.Predict(Hard, "premium", "premium"));
        Assert.Throws<ArgumentException>(() => model.PredictAll(Hard, ["cheap", "cheap"]));
        Assert.Throws<ArgumentException>(() => new BatchGainModel(3, 10, new BatchGainOptions { L2 = -1 }));
        Assert.False(model.IsStale);
        Assert.Equal(count, model.Count);
    }
}
