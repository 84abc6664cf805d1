using Moecraft.Lifecycle;
using Moecraft.Routing;
using Moecraft.Torch.LlmGating;

namespace Moecraft.Tests.Lifecycle;

/// <summary>An LLM router's ablation test: the success the router expects to lose on its recent traffic without the expert.</summary>
public sealed class PredictedAblationTests
{
    private static readonly HashSet<string> Active = ["cheap", "premium", "coder"];

    // The first feature says which expert is best: 0 the premium one, 1 the coder, by the margins given.
    private static IReadOnlyList<SuccessEstimate> Predict(float[] features) => features[0] == 0
        ? [new("cheap", 0.5, 0.1), new("premium", 0.8, 0.1), new("coder", 0.6, 0.1), new("archived", 0.99, 0.1)]
        : [new("cheap", 0.5, 0.1), new("premium", 0.7, 0.1), new("coder", 0.9, 0.1), new("archived", 0.99, 0.1)];

    private static readonly float[][] Traffic = [[0], [0], [0], [1]];

    [Fact]
    public void Masking_an_expert_that_is_best_somewhere_loses_its_margin_there_averaged_over_the_traffic()
    {
        var premium = PredictedAblation.Measure(1, "premium", Traffic, Predict, Active)!;
        var coder = PredictedAblation.Measure(2, "coder", Traffic, Predict, Active)!;

        // Baseline: the best active expert everywhere (an archived one does not count): 3 x 0.2 + 0.1 over 4.
        Assert.Equal(0.175, premium.BaselineLoss, 12);
        Assert.Equal((1, 4), (premium.Slot, premium.Batches));
        Assert.Equal((3 * 0.4 + 0.1) / 4 - 0.175, premium.Delta, 12);
        Assert.Equal((3 * 0.2 + 0.3) / 4 - 0.175, coder.Delta, 12);
        Assert.False(new PruneEvidenceRule().Check(premium with { Step = 10 }, 10).Holds);
    }

    [Fact]
    public void An_expert_that_is_never_best_costs_nothing_to_mask_and_may_be_pruned()
    {
        var cheap = PredictedAblation.Measure(0, "cheap", Traffic, Predict, Active)!;

        Assert.Equal(0, cheap.Delta, 12);
        var verdict = new PruneEvidenceRule().Check(cheap with { Step = 10 }, 10);
        Assert.True(verdict.Holds, verdict.Reason);
        Assert.False(verdict.Hurts);
    }

    [Fact]
    public void Without_recent_traffic_there_is_no_evidence_and_bad_requests_are_refused()
    {
        Assert.Null(PredictedAblation.Measure(0, "cheap", [], Predict, Active));
        Assert.Throws<ArgumentException>(() => PredictedAblation.Measure(0, "archived", Traffic, Predict, Active));
        Assert.Throws<ArgumentException>(() => PredictedAblation.Measure(0, "cheap", Traffic, Predict, new HashSet<string> { "cheap" }));
    }

    [Fact]
    public void Recent_gate_inputs_keep_the_newest_of_the_asked_width()
    {
        var recent = new RecentGateInputs(capacity: 3);
        recent.Record([1, 1]);
        recent.Record([2, 2, 2]);
        recent.Record([3, 3]);
        recent.Record([4, 4]);

        Assert.Equal(3, recent.Count);
        Assert.Equal([3f, 4f], recent.OfWidth(2).Select(v => v[0]).Order());
        Assert.Single(recent.OfWidth(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentGateInputs(0));
    }
}
