namespace Moecraft.Gating;

/// <summary>
/// Picks one answer with probability proportional to its gate weight. The caller passes the uniform draw (from its
/// seeded source) so the pick is reproducible: answer <c>i</c> is chosen when
/// <c>sum_{j&lt;i} w_j / W &lt;= draw &lt; sum_{j&lt;=i} w_j / W</c>.
/// </summary>
public static class WeightedPick
{
    /// <returns>The index of the chosen answer.</returns>
    /// <exception cref="ArgumentException">Bad answers, weights summing to zero, or a draw outside [0, 1).</exception>
    public static int Pick(IReadOnlyList<AnswerCandidate> answers, double draw)
    {
        AnswerCandidates.Validate(answers, nameof(answers));
        if (!(draw >= 0 && draw < 1)) throw new ArgumentException($"The draw must be in [0, 1), got {draw}.", nameof(draw));
        var total = answers.Sum(a => a.Weight);
        if (!(total > 0)) throw new ArgumentException("The answers' weights sum to zero; there is nothing to pick by.", nameof(answers));

        var cumulative = 0.0;
        var last = -1;
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i].Weight == 0) continue;
            last = i;
            cumulative += answers[i].Weight;
            if (draw < cumulative / total) return i;
        }
        return last;   // rounding can leave the final cumulative share a hair under one
    }
}
