using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

/// <summary>The gain head (issue 14): a direct prediction of one expert's gain over another, learned from pairs of scores.</summary>
public sealed class GainPredictorTests
{
    private static readonly GainPredictorOptions NoMinimum = new() { MinimumSamples = 0 };

    // Two kinds of prompt: on "hard" ones only premium succeeds, on "easy" ones both do.
    private static readonly float[] Hard = [1, 0, 0.2f];
    private static readonly float[] Easy = [0, 1, 0.2f];

    private static GainPredictor Trained(int rounds = 300)
    {
        var head = new GainPredictor(3, NoMinimum);
        for (var i = 0; i < rounds; i++)
        {
            head.Observe(Hard, "cheap", 0, "premium", 1);
            head.Observe(Easy, "cheap", 1, "premium", 1);
        }
        return head;
    }

    [Fact]
    public void It_learns_where_the_premium_expert_gains_and_where_it_does_not()
    {
        var head = Trained();

        Assert.True(head.Predict(Hard, "cheap", "premium") > 0.8);
        Assert.InRange(head.Predict(Easy, "cheap", "premium")!.Value, -0.1, 0.1);
        Assert.True(head.ProbabilityBetter(Hard, "cheap", "premium") > 0.8);
        Assert.True(head.ProbabilityBetter(Easy, "cheap", "premium") < 0.1);
    }

    [Fact]
    public void The_reverse_direction_is_the_negated_gain_whichever_order_the_samples_named_the_experts()
    {
        var head = new GainPredictor(3, NoMinimum);
        for (var i = 0; i < 200; i++)
        {
            head.Observe(Hard, "premium", 1, "cheap", 0);   // named in the other order: the same sample
            head.Observe(Easy, "cheap", 1, "premium", 1);
        }

        var forward = head.Predict(Hard, "cheap", "premium")!.Value;
        Assert.True(forward > 0.8);
        Assert.Equal(-forward, head.Predict(Hard, "premium", "cheap")!.Value, 12);
        Assert.Equal(400, head.SamplesOf("premium", "cheap"));
    }

    [Fact]
    public void Soft_scores_teach_the_expected_gain()
    {
        var head = new GainPredictor(3, NoMinimum with { L2 = 0 });
        for (var i = 0; i < 2000; i++) head.Observe(Hard, "cheap", 0.3, "premium", 0.7);

        Assert.Equal(0.4, head.Predict(Hard, "cheap", "premium")!.Value, 1);
    }

    [Fact]
    public void A_pair_with_too_few_samples_has_no_gain_and_the_policy_falls_back_to_the_success_difference()
    {
        var head = new GainPredictor(3, new GainPredictorOptions { MinimumSamples = 5 });
        for (var i = 0; i < 4; i++) head.Observe(Hard, "cheap", 0, "premium", 1);

        Assert.Null(head.Predict(Hard, "cheap", "premium"));
        Assert.Equal(0, head.PredictAll(Hard, ["cheap", "premium"]).Count);
        head.Observe(Hard, "cheap", 0, "premium", 1);
        Assert.NotNull(head.Predict(Hard, "cheap", "premium"));
        Assert.Null(head.Predict(Hard, "cheap", "unknown"));
    }

    [Fact]
    public void Exported_state_resumes_exactly()
    {
        var head = Trained(50);
        var resumed = new GainPredictor(head.ExportState(), NoMinimum);

        Assert.Equal(head.Predict(Hard, "cheap", "premium"), resumed.Predict(Hard, "cheap", "premium"));
        head.Observe(Easy, "cheap", 0, "premium", 0);
        resumed.Observe(Easy, "cheap", 0, "premium", 0);
        Assert.Equal(head.ExportState().Pairs[0].Weights, resumed.ExportState().Pairs[0].Weights);
        Assert.Equal(head.SamplesOf("cheap", "premium"), resumed.SamplesOf("cheap", "premium"));
    }

    [Fact]
    public void Bad_input_is_refused_and_changes_nothing()
    {
        var head = Trained(10);
        var before = head.ExportState();

        Assert.Throws<ArgumentException>(() => head.Observe([1, 0], "cheap", 0, "premium", 1));
        Assert.Throws<ArgumentException>(() => head.Observe([float.NaN, 0, 0], "cheap", 0, "premium", 1));
        Assert.Throws<ArgumentException>(() => head.Observe(Hard, "cheap", 0, "cheap", 1));
        Assert.Throws<ArgumentException>(() => head.Observe(Hard, "cheap", 1.5, "premium", 1));
        Assert.Throws<ArgumentException>(() => head.Observe(Hard, " ", 0, "premium", 1));
        Assert.Throws<ArgumentException>(() => head.Predict([1, 0], "cheap", "premium"));
        Assert.Equal(before.Pairs[0].Weights, head.ExportState().Pairs[0].Weights);
        Assert.Equal(before.Pairs[0].Samples, head.ExportState().Pairs[0].Samples);
    }

    [Fact]
    public void A_state_with_a_pair_out_of_order_or_of_the_wrong_width_is_refused()
    {
        var pair = Trained(5).ExportState().Pairs[0];

        Assert.Throws<ArgumentException>(() => new GainPredictor(new GainPredictorState(3, [pair with { First = "premium", Second = "cheap" }])));
        Assert.Throws<ArgumentException>(() => new GainPredictor(new GainPredictorState(4, [pair])));
        Assert.Throws<ArgumentException>(() => new GainPredictor(new GainPredictorState(3, [pair, pair])));
        Assert.Throws<ArgumentException>(() => new GainPredictor(new GainPredictorState(3, [pair with { Bias = [float.NaN, 0, 0] }])));
    }

    [Fact]
    public void The_step_size_decays_with_the_pairs_samples_to_its_floor()
    {
        var options = new GainPredictorOptions { LearningRate = 0.5, LearningRateDecaySteps = 100, MinimumLearningRate = 0.1 };

        Assert.Equal(0.5, options.LearningRateAt(0));
        Assert.Equal(0.5 / Math.Sqrt(2), options.LearningRateAt(100), 12);
        Assert.Equal(0.1, options.LearningRateAt(1_000_000));
        Assert.Throws<ArgumentException>(() => new GainPredictor(3, options with { L2 = -1 }));
        Assert.Throws<ArgumentException>(() => new GainPredictor(3, options with { LearningRate = 0 }));
    }

    [Fact]
    public void L2_keeps_the_weights_smaller()
    {
        GainPredictor Train(double l2)
        {
            var head = new GainPredictor(3, NoMinimum with { L2 = l2 });
            for (var i = 0; i < 500; i++) head.Observe(Hard, "cheap", 0, "premium", 1);
            return head;
        }

        static double Norm(GainPredictor head) => head.ExportState().Pairs[0].Weights.Sum(w => (double)w * w);
        Assert.True(Norm(Train(0.1)) < Norm(Train(0)));
    }
}
