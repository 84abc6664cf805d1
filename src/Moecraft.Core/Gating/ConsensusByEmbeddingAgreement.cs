using Moecraft.Coherence;

namespace Moecraft.Gating;

/// <summary>
/// Consensus by embedding agreement: the answer that agrees most with the others, where the agreement of answer
/// <c>i</c> is the weight-averaged cosine with every other answer, <c>a_i = sum_{j!=i} w_j cos(e_i, e_j) / sum_{j!=i} w_j</c>
/// (plain average when those weights sum to zero). An outlier answer scores low; ties go to the earlier answer.
/// </summary>
public static class ConsensusByEmbeddingAgreement
{
    /// <returns>The index of the chosen answer; a lone answer is chosen.</returns>
    /// <exception cref="ArgumentException">Bad answers.</exception>
    public static int Pick(IReadOnlyList<AnswerCandidate> answers)
    {
        var agreement = Agreement(answers);
        var best = 0;
        for (var i = 1; i < agreement.Length; i++)
            if (agreement[i] > agreement[best]) best = i;
        return best;
    }

    /// <summary>Each answer's agreement with the others; 0 for a lone answer.</summary>
    /// <exception cref="ArgumentException">Bad answers.</exception>
    public static double[] Agreement(IReadOnlyList<AnswerCandidate> answers)
    {
        AnswerCandidates.Validate(answers, nameof(answers));
        var vectors = answers.Select(a => Array.ConvertAll(a.Embedding, v => (double)v)).ToArray();
        var agreement = new double[answers.Count];
        for (var i = 0; i < answers.Count; i++)
        {
            double weighted = 0, weights = 0, plain = 0;
            for (var j = 0; j < answers.Count; j++)
            {
                if (j == i) continue;
                var cosine = Cosine.Of(vectors[i], vectors[j]);
                weighted += answers[j].Weight * cosine;
                weights += answers[j].Weight;
                plain += cosine;
            }
            agreement[i] = answers.Count == 1 ? 0 : weights > 0 ? weighted / weights : plain / (answers.Count - 1);
        }
        return agreement;
    }
}
