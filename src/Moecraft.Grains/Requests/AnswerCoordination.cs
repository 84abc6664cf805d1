using Microsoft.Extensions.AI;
using Moecraft.Gating;
using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>One answer out of several (SPEC 4.6): consensus by embedding agreement, a gate-weighted pick or the best prediction.</summary>
public sealed class AnswerCoordination(string routerId, IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    public async Task<AnsweredBy> ChooseAsync(PlannedAdmission admission, IReadOnlyList<AnsweredBy> answers)
    {
        if (answers.Count == 1) return answers[0];
        var vectors = await embeddings.GenerateAsync([.. answers.Select(a => a.Answer.Text)]);
        var gates = admission.Gate.Decision.Selected.ToDictionary(s => s.ExpertId, s => s.Gate, StringComparer.Ordinal);
        var candidates = answers.Select((a, i) => new AnswerCandidate(
            a.Expert.ExpertId, vectors[i].Vector.ToArray(), gates.GetValueOrDefault(a.Expert.ExpertId, a.Expert.SuccessMean), a.Expert.SuccessMean)).ToArray();
        var index = admission.Request.Coordination switch
        {
            CoordinationKind.WeightedPick => WeightedPick.Pick(candidates, StableHash.Of(admission.Request.RequestId, routerId) / (uint.MaxValue + 1.0)),
            CoordinationKind.BestPredicted => BestPredictedQuality.Pick(candidates),
            _ => ConsensusByEmbeddingAgreement.Pick(candidates),
        };
        return answers[index];
    }
}
