using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Moecraft.Gating;
using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// A cascade's escalation by the answer (issue 14), for a plan that <see cref="RoutingPlan.EscalatesByAnswer"/>: after a
/// stage answered, the router layer's acceptability predictor rates that answer (its features computed here, outside the
/// grain's turn) and <see cref="CascadePolicy.Escalate"/> decides whether and to which later stage to move, as replay
/// does. It stops at an answer rated at or above the target, at the last stage, at an answer the predictor cannot judge
/// yet (too few samples of that expert), at one that could not be rated and at a stage whose call failed (the answer
/// before stands). Every call is paid.
/// </summary>
public sealed partial class CascadeEscalation(
    string routerId, IGrainFactory grains, IEmbeddingGenerator<string, Embedding<float>> embeddings, ExpertInvoker invoker, ILogger logger)
{
    /// <summary>Every answer paid for, in call order: the first is <paramref name="answers"/>' one, the last the one to return.</summary>
    public async Task<List<AnsweredBy>> EscalateAsync(PlannedAdmission admission, List<AnsweredBy> answers)
    {
        var plan = admission.Plan;
        if (!plan.EscalatesByAnswer || answers.Count != 1 || admission.Embedding.IsDefault) return answers;
        var cascade = new CascadePolicy(plan.QualityTarget, RoutingPlanner.CascadeMaxUncertainty);
        var options = plan.Order.Select(p => p.ToOption()).ToArray();
        var router = grains.Reference<IRouterLayerGrain>(routerId);
        var paid = new List<AnsweredBy>(answers);
        var current = answers[0];
        while (AnswerInputs.CanJudge(current.Answer))
        {
            if (await AcceptabilityAsync(admission, router, current) is not { } acceptability) break;
            if (cascade.Escalate(options, current.Expert.ExpertId, acceptability) is not { } next) break;
            if (await invoker.InvokeAsync(admission, plan.Order.First(p => p.ExpertId == next.ExpertId)) is not { } answered) break;
            paid.Add(answered);
            current = answered;
        }
        return paid;
    }

    /// <summary>The predicted acceptability of an answer; null when it cannot be judged yet, or could not be rated (the answer stands).</summary>
    private async Task<double?> AcceptabilityAsync(PlannedAdmission admission, IRouterLayerGrain router, AnsweredBy answered)
    {
        try
        {
            var features = await AnswerInputs.OfAsync(embeddings, admission.Embedding, admission.Request.RoutingText, answered.Answer);
            return await router.PredictAcceptability(features, answered.Expert.ExpertId);
        }
        catch (Exception e)
        {
            LogRatingFailed(logger, e, routerId, answered.Expert.ExpertId, admission.Request.RequestId);
            return null;
        }
    }
}
