using Moecraft.Gating;

namespace Moecraft.Tests.LlmGating;

public sealed class CoordinationTests
{
    private static AnswerCandidate Answer(string id, float[] embedding, double weight = 1, double quality = 0.5) => new(id, embedding, weight, quality);

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.1249, 0)]   // weights 1, 3, 0, 4 (total 8): shares [0, 0.125), [0.125, 0.5), none, [0.5, 1)
    [InlineData(0.125, 1)]
    [InlineData(0.4999, 1)]
    [InlineData(0.5, 3)]      // the zero-weight answer is never picked
    [InlineData(0.9999, 3)]
    public void Weighted_pick_follows_the_cumulative_weights(double draw, int expected)
    {
        AnswerCandidate[] answers = [Answer("a", [1], 1), Answer("b", [1], 3), Answer("c", [1], 0), Answer("d", [1], 4)];

        Assert.Equal(expected, WeightedPick.Pick(answers, draw));
    }

    [Fact]
    public void Consensus_picks_the_answer_that_agrees_most_with_the_others()
    {
        // cos(a, b) = 0.8, cos(a, c) = 0, cos(b, c) = 0.6: agreement a = 0.4, b = 0.7, c = 0.3.
        AnswerCandidate[] answers = [Answer("a", [1, 0]), Answer("b", [0.8f, 0.6f]), Answer("c", [0, 1])];

        var agreement = ConsensusByEmbeddingAgreement.Agreement(answers);

        Assert.Equal(0.4, agreement[0], 1e-6);
        Assert.Equal(0.7, agreement[1], 1e-6);
        Assert.Equal(0.3, agreement[2], 1e-6);
        Assert.Equal(1, ConsensusByEmbeddingAgreement.Pick(answers));
    }

    [Fact]
    public void Consensus_weighs_the_others_by_their_gate_weight()
    {
        // Weights a = 1, b = 0.1, c = 3: a = (0.1 x 0.8 + 3 x 0) / 3.1, b = (1 x 0.8 + 3 x 0.6) / 4, c = (1 x 0 + 0.1 x 0.6) / 1.1.
        AnswerCandidate[] answers = [Answer("a", [1, 0], 1), Answer("b", [0.8f, 0.6f], 0.1), Answer("c", [0, 1], 3)];

        var agreement = ConsensusByEmbeddingAgreement.Agreement(answers);

        Assert.Equal(0.08 / 3.1, agreement[0], 1e-6);
        Assert.Equal(2.6 / 4, agreement[1], 1e-6);
        Assert.Equal(0.06 / 1.1, agreement[2], 1e-6);
        Assert.Equal(0, ConsensusByEmbeddingAgreement.Pick([Answer("only", [1, 2])]));
    }

    [Fact]
    public void Best_predicted_quality_picks_the_highest_and_the_earlier_of_a_tie()
    {
        AnswerCandidate[] answers = [Answer("a", [1], quality: 0.7), Answer("b", [1], quality: 0.9), Answer("c", [1], quality: 0.9)];

        Assert.Equal(1, BestPredictedQuality.Pick(answers));
    }

    public static TheoryData<AnswerCandidate[]> BadAnswers => new()
    {
        Array.Empty<AnswerCandidate>(),
        new[] { Answer("a", [1, 0]), Answer("b", [1]) },
        new[] { Answer("a", [float.NaN]) },
        new[] { Answer("a", [1], weight: -1) },
        new[] { Answer("a", [1], quality: 1.2) },
        new[] { new AnswerCandidate("a", null!, 1, 0.5) },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public void Every_rule_rejects_bad_answers(AnswerCandidate[] answers)
    {
        Assert.Throws<ArgumentException>(() => WeightedPick.Pick(answers, 0.5));
        Assert.Throws<ArgumentException>(() => ConsensusByEmbeddingAgreement.Pick(answers));
        Assert.Throws<ArgumentException>(() => BestPredictedQuality.Pick(answers));
    }

    [Fact]
    public void Weighted_pick_rejects_a_draw_outside_the_unit_interval_and_weights_summing_to_zero()
    {
        AnswerCandidate[] answers = [Answer("a", [1], 1)];

        Assert.Throws<ArgumentException>(() => WeightedPick.Pick(answers, 1.0));
        Assert.Throws<ArgumentException>(() => WeightedPick.Pick(answers, -0.1));
        Assert.Throws<ArgumentException>(() => WeightedPick.Pick([Answer("a", [1], 0)], 0.5));
    }
}
