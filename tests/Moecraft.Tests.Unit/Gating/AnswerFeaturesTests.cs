using Moecraft.Gating;

namespace Moecraft.Tests.Gating;

/// <summary>Issue 14: the acceptability predictor's input, the one composition replay and the request path share.</summary>
public sealed class AnswerFeaturesTests
{
    [Fact]
    public void The_input_is_the_prompt_and_answer_embeddings_then_their_statistics()
    {
        float[] prompt = [1, 2, 3];
        float[] answer = [4, 5, 6];
        var promptStatistics = PromptStatistics.Of("what is 2 + 2?");
        var answerStatistics = AnswerStatistics.OfAnswer("The answer is 4.", 5);

        var features = AnswerFeatures.Of(prompt, promptStatistics, answer, answerStatistics);

        Assert.Equal(AnswerFeatures.Dimension(3), features.Length);
        Assert.Equal(2 * 3 + PromptStatistics.Count + AnswerStatistics.AnswerWidth, features.Length);
        Assert.Equal([.. prompt, .. answer, .. promptStatistics, .. answerStatistics], features);
        // From texts: the same statistics, read from the texts.
        Assert.Equal(features, AnswerFeatures.Of(prompt, "what is 2 + 2?", answer, "The answer is 4.", 5));
    }

    [Fact]
    public void Mismatched_embeddings_or_statistics_are_refused()
    {
        var promptStatistics = PromptStatistics.Of("p");
        var answerStatistics = AnswerStatistics.OfAnswer("a");

        Assert.Throws<ArgumentException>(() => AnswerFeatures.Of([1, 2], promptStatistics, [1, 2, 3], answerStatistics));
        Assert.Throws<ArgumentException>(() => AnswerFeatures.Of([], promptStatistics, [], answerStatistics));
        Assert.Throws<ArgumentException>(() => AnswerFeatures.Of([1], answerStatistics, [1], answerStatistics));
        Assert.Throws<ArgumentException>(() => AnswerFeatures.Of([1], promptStatistics, [1], promptStatistics));
        Assert.Throws<ArgumentOutOfRangeException>(() => AnswerFeatures.Dimension(0));
    }
}
