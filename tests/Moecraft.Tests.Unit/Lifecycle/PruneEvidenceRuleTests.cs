using Moecraft.Lifecycle;

namespace Moecraft.Tests.Lifecycle;

public sealed class PruneEvidenceRuleTests
{
    private static readonly PruneEvidenceRule Rule = new();

    [Fact]
    public void Masking_that_costs_no_more_than_the_tolerance_lets_a_prune_go_ahead()
    {
        var neutral = Rule.Check(new AblationEvidence(5, 1000, 1.700, 1.704, 4), step: 1000);
        var costly = Rule.Check(new AblationEvidence(5, 1000, 1.700, 1.706, 4), step: 1000);

        Assert.True(neutral.Holds);
        Assert.False(neutral.Hurts);
        Assert.False(costly.Holds);
    }

    [Fact]
    public void Masking_that_lowers_the_loss_shows_the_expert_hurts()
    {
        var verdict = Rule.Check(new AblationEvidence(5, 1000, 1.75, 1.72, 4), step: 1100);

        Assert.True(verdict.Holds);
        Assert.True(verdict.Hurts);
        Assert.Contains("loss 1.75 -> 1.72 masked (-0.03)", verdict.Reason);
        Assert.True(Rule.Check(new AblationEvidence(5, 1000, 1.75, 1.749, 4), step: 1100).Hurts);
    }

    [Fact]
    public void No_test_or_a_stale_one_is_no_evidence()
    {
        Assert.False(Rule.Check(null, step: 10).Holds);
        Assert.False(Rule.Check(new AblationEvidence(5, 1000, 1.75, 1.72, 4), step: 1301).Holds);
        Assert.True(Rule.Check(new AblationEvidence(5, 1000, 1.75, 1.72, 4), step: 1300).Holds);
        Assert.True(Rule.NeedsMeasurement(null, 0));
        Assert.False(Rule.NeedsMeasurement(new AblationEvidence(5, 1000, 1.75, 1.72, 4), 1150));
        Assert.True(Rule.NeedsMeasurement(new AblationEvidence(5, 1000, 1.75, 1.72, 4), 1151));
    }

    [Fact]
    public void Bad_rules_and_bad_evidence_are_clear_errors()
    {
        Assert.Throws<ArgumentException>(() => new PruneEvidenceRule { Tolerance = -0.1 }.Validate());
        Assert.Throws<ArgumentException>(() => new PruneEvidenceRule { MaximumAge = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new AblationEvidence(8, 0, 1, 1, 4).Validate(slots: 8));
        Assert.Throws<ArgumentException>(() => new AblationEvidence(0, 0, double.NaN, 1, 4).Validate(slots: 8));
        Assert.Throws<ArgumentException>(() => new AblationEvidence(0, 0, 1, 1, 0).Validate(slots: 8));
    }
}
