using Moecraft.Federation;
using Moecraft.Requests;
using Moecraft.Routing;

namespace Moecraft.Tests.Federation.Domain;

public sealed class FederationAdviceRuleTests
{
    private static readonly ExpertPrediction[] Predictions = [new("cheap", 0, 0.4, 0.1), new("mid", 1, 0.6, 0.1), new("premium", 2, 0.8, 0.1)];

    [Fact]
    public void Scarred_experts_are_left_out_and_a_prior_pulls_the_prediction_at_most_halfway()
    {
        var advice = new FederationAdvice(null, ["cheap"], [new ExpertPrior("r", "mid", 1.0, 20, "origin"), new ExpertPrior("r", "premium", 0.0, 1_000_000, "origin")]);
        var applied = FederationAdviceRule.Apply([.. Predictions], advice);

        Assert.Equal(["mid", "premium"], applied.Select(p => p.ExpertId).ToArray());
        // 20 samples: alpha = 0.25, so 0.6 -> 0.7; a huge sample count approaches alpha 0.5: 0.8 -> ~0.4.
        Assert.Equal(0.7, applied[0].SuccessMean, 9);
        Assert.Equal(0.4, applied[1].SuccessMean, 4);
        Assert.True(applied[1].SuccessMean > 0.4);
    }

    [Fact]
    public void No_advice_changes_nothing()
    {
        Assert.Equal(Predictions, FederationAdviceRule.Apply([.. Predictions], FederationAdvice.None).ToArray());
        Assert.Equal(0.6, FederationAdviceRule.Blend(0.6, new ExpertPrior("r", "mid", 0.1, 0, "o")));
    }
}
