using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Moecraft.Gating;
using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// A cascade's escalation by the answer (issue 14), for a plan that <see cref="RoutingPlan.EscalatesByAnswer"/>: after a
/// stage answered, the router layer's acceptability predictor rates that answer (its features computed here, outside the
/// grain's turn) and <see cref="CascadePolicy.Escalate"/> decides whether and to which later stage to move, as replay
/// does. With a consistency check (<see cref="RoutingPlan.AnswerSamples"/> &gt; 1) the first stage's answer is joined by
/// samples of the same expert, drawn at once; when their final answers disagree it is judged 0
/// (<see cref="AnswerAgreement.Judged"/>). The samples' cost and tokens are added to the answer they checked, which stands
/// as the stage's answer. It stops at an answer rated at or above the target, at the last stage, at an answer that cannot
/// be judged (too few feedback samples of that expert and no disagreement), at one that could not be rated and at a stage
/// whose call failed (the answer before stands). Every call is paid.
/// </summary>
public sealed partial class CascadeEscalation(
    string routerId, IGrainFactory grains, IEmbeddingGenerator<string, Embedding<float>> embeddings, ExpertInvoker invoker, ILogger logger)
{
    /// <summary>Every answer paid for, one per stage in call order: the first is <paramref name="answers"/>' one (with its samples' cost), the last the one to return.</summary>
    public async Task<List<AnsweredBy>> EscalateAsync(PlannedAdmission admission, List<AnsweredBy> answers)
    {
        var plan = admission.Plan;
        if (!plan.EscalatesByAnswer || answers.Count != 1 || admission.Embedding.IsDefault) return answers;
        var cascade = new CascadePolicy(plan.QualityTarget, RoutingPlanner.CascadeMaxUncertainty);
        var options = plan.Order.Select(p => p.ToOption()).ToArray();
        var router = grains.Reference<IRouterLayerGrain>(routerId);
        var (current, agreement) = await CheckedAsync(admission, answers[0]);
        var paid = new List<AnsweredBy> { current };
        var score = AnswerAgreement.Judged(await AcceptabilityAsync(admission, router, current), agreement);
        while (score is { } judged && cascade.Escalate(options, current.Expert.ExpertId, judged) is { } next)
        {
            if (await invoker.InvokeAsync(admission, plan.Order.First(p => p.ExpertId == next.ExpertId)) is not { } answered) break;
            paid.Add(answered);
            current = answered;
            score = await AcceptabilityAsync(admission, router, current);
        }
        return paid;
    }

    /// <summary>
    /// The first answer with its consistency samples, drawn at once, paid into it, and whether their final answers agree;
    /// the answer alone (<see cref="SampleAgreement.Unknown"/>) without a check, when it cannot be judged by its text, or
    /// when a later stage answered after the first failed: the reservation covers samples of the first stage only.
    /// </summary>
    private async Task<(AnsweredBy Answer, SampleAgreement Agreement)> CheckedAsync(PlannedAdmission admission, AnsweredBy first)
    {
        var plan = admission.Plan;
        if (plan.AnswerSamples < 2 || first.Expert.ExpertId != plan.Order[0].ExpertId || !AnswerInputs.CanJudge(first.Answer))
            return (first, SampleAgreement.Unknown);
        var samples = (await Task.WhenAll(Enumerable.Range(1, plan.AnswerSamples - 1).Select(_ => invoker.SampleAsync(admission, first.Expert))))
            .OfType<AnsweredBy>().ToArray();
        // Every sample that answered is paid; only those with text to compare take part in the check.
        var compared = samples.Where(s => AnswerInputs.CanJudge(s.Answer)).Select(s => s.Answer.Text).ToArray();
        var agreement = AnswerAgreement.Of([first.Answer.Text, .. compared]);
        LogChecked(logger, routerId, admission.Request.RequestId, first.Expert.ExpertId, compared.Length + 1, agreement);
        var answer = first.Answer with
        {
            InputTokens = first.Answer.InputTokens + samples.Sum(s => s.Answer.InputTokens),
            OutputTokens = first.Answer.OutputTokens + samples.Sum(s => s.Answer.OutputTokens),
            Cost = first.Answer.Cost + samples.Sum(s => s.Answer.Cost),
        };
        return (first with { Answer = answer }, agreement);
    }

    /// <summary>The predicted acceptability of an answer; null when it cannot be judged (by its text, or yet), or could not be rated (the answer stands).</summary>
    private async Task<double?> AcceptabilityAsync(PlannedAdmission admission, IRouterLayerGrain router, AnsweredBy answered)
    {
        if (!AnswerInputs.CanJudge(answered.Answer)) return null;
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
