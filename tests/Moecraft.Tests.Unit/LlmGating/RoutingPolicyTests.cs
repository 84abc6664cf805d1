using Moecraft.Gating;

namespace Moecraft.Tests.LlmGating;

public sealed class RoutingPolicyTests
{
    // Given out of cost order on purpose: the policies must sort by cost themselves.
    private static readonly ExpertOption[] Options =
    [
        new("premium", CostPerCall: 10, SuccessMean: 0.95, Uncertainty: 0.01),
        new("tiny", CostPerCall: 1, SuccessMean: 0.60, Uncertainty: 0.10),
        new("small", CostPerCall: 2, SuccessMean: 0.80, Uncertainty: 0.20),
    ];

    [Theory]
    [InlineData(0.50, 0.0, "tiny")]      // tiny 0.60 >= 0.50
    [InlineData(0.75, 0.0, "small")]     // tiny 0.60 < 0.75; small 0.80 >= 0.75
    [InlineData(0.75, 1.0, "premium")]   // small 0.80 - 0.20 = 0.60 < 0.75; premium 0.95 - 0.01 = 0.94
    [InlineData(0.50, 1.0, "tiny")]      // tiny 0.60 - 0.10 = 0.50 >= 0.50 (the target is inclusive)
    [InlineData(0.99, 0.0, "premium")]   // nobody reaches 0.99: the highest predicted success
    public void Cheapest_acceptable_takes_the_cheapest_expert_that_clears_the_target(double target, double z, string expected) =>
        Assert.Equal(expected, new CheapestAcceptablePolicy(target, z).Choose(Options).ExpertId);

    [Fact]
    public void Cheapest_acceptable_falls_back_to_the_cheaper_of_equally_likely_experts()
    {
        ExpertOption[] options = [new("dear", 5, 0.7, 0), new("cheap", 3, 0.7, 0), new("bad", 1, 0.2, 0)];

        Assert.Equal("cheap", new CheapestAcceptablePolicy(0.9).Choose(options).ExpertId);
    }

    [Fact]
    public void Cascade_starts_at_the_first_confident_stage_and_the_last_stage_is_the_last_resort()
    {
        var strict = new CascadePolicy(qualityTarget: 0.75, maxUncertainty: 0.1);
        var lenient = new CascadePolicy(qualityTarget: 0.75, maxUncertainty: 0.25);

        Assert.Equal(["tiny", "small", "premium"], strict.Stages(Options).Select(o => o.ExpertId));
        Assert.Equal("premium", strict.Choose(Options).ExpertId);   // small reaches 0.75 but its sd 0.20 > 0.10: escalate
        Assert.Equal("small", lenient.Choose(Options).ExpertId);
        Assert.False(strict.IsConfident(Options[2]));
        Assert.True(lenient.IsConfident(Options[2]));
        Assert.Equal("premium", new CascadePolicy(0.99, 1).Choose(Options).ExpertId);   // none confident: the last stage
    }

    [Fact]
    public void Cascade_escalates_after_an_answer_judged_below_the_target()
    {
        var lenient = new CascadePolicy(qualityTarget: 0.75, maxUncertainty: 0.25);
        var strict = new CascadePolicy(qualityTarget: 0.75, maxUncertainty: 0.1);

        Assert.Equal("small", lenient.Escalate(Options, "tiny", answerScore: 0.5)?.ExpertId);
        Assert.Equal("premium", strict.Escalate(Options, "tiny", answerScore: 0.5)?.ExpertId);   // small is not confident: skipped
        Assert.Null(lenient.Escalate(Options, "tiny", answerScore: 0.75));    // accepted
        Assert.Null(lenient.Escalate(Options, "premium", answerScore: 0.1));  // nothing left to escalate to
        Assert.Equal("premium", new CascadePolicy(0.99, 1).Escalate(Options, "tiny", 0.5)?.ExpertId);
    }

    [Fact]
    public void Fixed_expert_always_takes_its_expert()
    {
        Assert.Equal("tiny", new FixedExpertPolicy("tiny").Choose(Options).ExpertId);
        Assert.Contains("'gone'", Assert.Throws<ArgumentException>(() => new FixedExpertPolicy("gone").Choose(Options)).Message);
        Assert.Throws<ArgumentException>(() => new FixedExpertPolicy(" "));
    }

    public static TheoryData<ExpertOption[]> BadOptions => new()
    {
        Array.Empty<ExpertOption>(),
        new ExpertOption[] { new("a", 1, 0.5, 0), new("a", 2, 0.5, 0) },
        new ExpertOption[] { new("a", -1, 0.5, 0) },
        new ExpertOption[] { new("a", double.PositiveInfinity, 0.5, 0) },
        new ExpertOption[] { new("a", 1, 1.2, 0) },
        new ExpertOption[] { new("a", 1, double.NaN, 0) },
        new ExpertOption[] { new("a", 1, 0.5, -0.1) },
        new ExpertOption[] { new(" ", 1, 0.5, 0) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Every_policy_rejects_bad_options(ExpertOption[] options)
    {
        Assert.Throws<ArgumentException>(() => new CheapestAcceptablePolicy(0.5).Choose(options));
        Assert.Throws<ArgumentException>(() => new CascadePolicy(0.5, 0.1).Choose(options));
        Assert.Throws<ArgumentException>(() => new FixedExpertPolicy("a").Choose(options));
    }

    [Fact]
    public void Bad_settings_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new CheapestAcceptablePolicy(1.5));
        Assert.Throws<ArgumentException>(() => new CheapestAcceptablePolicy(double.NaN));
        Assert.Throws<ArgumentException>(() => new CheapestAcceptablePolicy(0.5, -1));
        Assert.Throws<ArgumentException>(() => new CascadePolicy(-0.1, 0.1));
        Assert.Throws<ArgumentException>(() => new CascadePolicy(0.5, double.PositiveInfinity));
        var cascade = new CascadePolicy(0.5, 0.1);
        Assert.Throws<ArgumentException>(() => cascade.Escalate(Options, "gone", 0.5));
        Assert.Throws<ArgumentException>(() => cascade.Escalate(Options, "tiny", 1.5));
    }
}
