namespace Moecraft.Gating;

/// <summary>Best-of by predicted quality: the answer whose expert the gate expects to do best; ties go to the earlier answer.</summary>
public static class BestPredictedQuality
{
    /// <returns>The index of the chosen answer.</returns>
    /// <exception cref="ArgumentException">Bad answers.</exception>
    public static int Pick(IReadOnlyList<AnswerCandidate> answers)
    {
        AnswerCandidates.Validate(answers, nameof(answers));
        var best = 0;
        for (var i = 1; i < answers.Count; i++)
            if (answers[i].PredictedQuality > answers[best].PredictedQuality) best = i;
        return best;
    }
}
