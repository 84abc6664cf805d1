namespace Moecraft.Gating;

/// <summary>Validation shared by the coordination rules.</summary>
internal static class AnswerCandidates
{
    /// <exception cref="ArgumentException">No answers, a null answer or embedding, embeddings of different widths, or a value out of range.</exception>
    public static void Validate(IReadOnlyList<AnswerCandidate> answers, string parameter)
    {
        ArgumentNullException.ThrowIfNull(answers, parameter);
        if (answers.Count == 0) throw new ArgumentException("There are no answers to coordinate.", parameter);
        var width = -1;
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i] ?? throw new ArgumentException($"Answer {i} is null.", parameter);
            if (answer.Embedding is null) throw new ArgumentException($"Answer {i} ({answer.ExpertId}) has no embedding.", parameter);
            if (width >= 0 && answer.Embedding.Length != width)
                throw new ArgumentException($"Answer {i} ({answer.ExpertId}) has an embedding of width {answer.Embedding.Length}; the first has {width}.", parameter);
            width = answer.Embedding.Length;
            foreach (var v in answer.Embedding)
                if (!float.IsFinite(v)) throw new ArgumentException($"Answer {i} ({answer.ExpertId}) has a non-finite embedding value.", parameter);
            if (!(answer.Weight >= 0) || double.IsInfinity(answer.Weight))
                throw new ArgumentException($"Answer {i} ({answer.ExpertId}) has weight {answer.Weight}; it must be a non-negative finite number.", parameter);
            if (!(answer.PredictedQuality >= 0 && answer.PredictedQuality <= 1))
                throw new ArgumentException($"Answer {i} ({answer.ExpertId}) has predicted quality {answer.PredictedQuality}; it must be in [0, 1].", parameter);
        }
    }
}
