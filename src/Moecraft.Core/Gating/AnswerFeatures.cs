namespace Moecraft.Gating;

/// <summary>
/// The input of the answer-acceptability predictor (issue 14), the one composition replay and the request path share: the
/// prompt's embedding, the answer's embedding, then the prompt's <see cref="PromptStatistics"/> and the answer's
/// <see cref="AnswerStatistics.OfAnswer"/>. The statistics come last, so a success predictor built with
/// <see cref="StatisticsWidth"/> reads them as its statistics block.
/// </summary>
public static class AnswerFeatures
{
    /// <summary>How many inputs are statistics: the prompt's, then the answer's.</summary>
    public const int StatisticsWidth = PromptStatistics.Count + AnswerStatistics.AnswerWidth;

    /// <summary>The width of an input for embeddings of <paramref name="embeddingDimension"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive embedding width.</exception>
    public static int Dimension(int embeddingDimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingDimension, 1);
        return 2 * embeddingDimension + StatisticsWidth;
    }

    /// <summary>The input for a prompt and one answer to it, from the texts' embeddings and statistics.</summary>
    /// <exception cref="ArgumentException">Embeddings of different or no width, or statistics of the wrong width.</exception>
    public static float[] Of(ReadOnlySpan<float> prompt, ReadOnlySpan<float> promptStatistics, ReadOnlySpan<float> answer, ReadOnlySpan<float> answerStatistics)
    {
        if (prompt.IsEmpty || prompt.Length != answer.Length)
            throw new ArgumentException($"The prompt's and the answer's embeddings must have one non-zero width, got {prompt.Length} and {answer.Length}.", nameof(answer));
        if (promptStatistics.Length != PromptStatistics.Count)
            throw new ArgumentException($"The prompt statistics have {promptStatistics.Length} values, not {PromptStatistics.Count}.", nameof(promptStatistics));
        if (answerStatistics.Length != AnswerStatistics.AnswerWidth)
            throw new ArgumentException($"The answer statistics have {answerStatistics.Length} values, not {AnswerStatistics.AnswerWidth}.", nameof(answerStatistics));
        var features = new float[Dimension(prompt.Length)];
        var at = features.AsSpan();
        prompt.CopyTo(at);
        answer.CopyTo(at[prompt.Length..]);
        promptStatistics.CopyTo(at[(2 * prompt.Length)..]);
        answerStatistics.CopyTo(at[(2 * prompt.Length + PromptStatistics.Count)..]);
        return features;
    }

    /// <summary>The input for a prompt and an answer given as texts: their embeddings, and statistics read from the texts.</summary>
    /// <param name="outputTokens">The tokens the expert reported for the answer; null: estimated from the text.</param>
    public static float[] Of(ReadOnlySpan<float> prompt, string promptText, ReadOnlySpan<float> answer, string answerText, long? outputTokens) =>
        Of(prompt, PromptStatistics.Of(promptText), answer, AnswerStatistics.OfAnswer(answerText, outputTokens));
}
