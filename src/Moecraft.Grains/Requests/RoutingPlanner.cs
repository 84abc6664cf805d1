using Moecraft.Experts;
using Moecraft.Gating;
using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// Turns the gate's predictions and the experts' prices into a <see cref="RoutingPlan"/> with the policy of SPEC 4.4:
/// gain per cost (the expert <see cref="GainPerCostPolicy"/> picks, then the others by predicted success), cheapest
/// acceptable (fail over to the next acceptable expert by price, then to the most likely to succeed), cascade
/// (the stages from the first confident one on, or from the cheapest when its answers can be judged: issue 14) or fixed (that expert only: a pinned tenant gets no substitute).
/// The gain policy reads the gain head's predicted gains where the gate reports them (issue 14), the success difference elsewhere.
/// A committed reflex skips the policy: its expert answers first (SPEC 5.3, a fast path).
/// Worst-case cost = input tokens and the maximum output tokens at the expert's price; the reservation covers the k
/// dearest calls of the order, since a failed call is not charged and at most k calls answer.
/// </summary>
public static class RoutingPlanner
{
    /// <summary>Cascade stages with more ensemble spread than this are not trusted to answer (an expert the gate barely knows).</summary>
    public const double CascadeMaxUncertainty = 0.15;

    /// <param name="reflex">
    /// The expert of a committed reflex for this prompt (SPEC 5.3), or null: unless the policy is fixed, it answers first
    /// without running the policy, the others stand by in order of predicted success. A reflex expert without a price is ignored.
    /// </param>
    /// <param name="gains">The gain head's predictions the gate reported (<see cref="GateReport.Gains"/>), or none.</param>
    /// <param name="answerAware">
    /// The experts whose answers the router's acceptability predictor judges (<see cref="GateReport.AnswerAware"/>), or none:
    /// a cascade for one answer whose cheapest stage is among them answers with that stage first and escalates by its answer
    /// (<see cref="RoutingPlan.EscalatesByAnswer"/>) instead of starting at the first confident stage. So does a cascade with a
    /// consistency check (<see cref="RoutingPolicy.ConsistencySamples"/>), which needs no trained predictor to judge by.
    /// </param>
    /// <exception cref="ArgumentException">No active expert with a price, an unknown fixed expert, more experts wanted than there are, or malformed gains.</exception>
    public static RoutingPlan Plan(
        IReadOnlyList<ExpertPrediction> predictions,
        IReadOnlyDictionary<string, ExpertPricing> prices,
        RoutingPolicy policy,
        int answering,
        long inputTokens,
        int maxOutputTokens,
        string? reflex = null,
        IReadOnlyList<PredictedGain>? gains = null,
        IReadOnlyCollection<string>? answerAware = null)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(policy);
        var target = policy.QualityTarget ?? throw new ArgumentException("The policy needs a quality target.", nameof(policy));

        var planned = predictions
            .Where(p => prices.ContainsKey(p.ExpertId))
            .Select(p => new PlannedExpert(p.ExpertId, p.Slot, prices[p.ExpertId], p.SuccessMean, p.Uncertainty, prices[p.ExpertId].CostOf(inputTokens, maxOutputTokens)))
            .ToDictionary(p => p.ExpertId, StringComparer.Ordinal);
        if (planned.Count == 0) throw new ArgumentException("The router has no active expert to answer.", nameof(predictions));
        if (answering < 1 || answering > planned.Count)
            throw new ArgumentException($"{answering} experts cannot answer: the router has {planned.Count} active.", nameof(answering));

        var options = planned.Values.Select(p => p.ToOption()).ToArray();
        var reflexFirst = reflex is not null && policy.Kind != RoutingPolicyKind.Fixed && planned.ContainsKey(reflex);
        var escalates = !reflexFirst && policy.Kind == RoutingPolicyKind.Cascade && answering == 1
            && (policy.AnswerSamples > 1 || answerAware is not null && answerAware.Contains(new CascadePolicy(target, CascadeMaxUncertainty).Stages(options)[0].ExpertId));
        var samples = escalates ? policy.AnswerSamples : 1;
        var order = reflexFirst ? Reflex(options, reflex!) : policy.Kind switch
        {
            RoutingPolicyKind.Gain => Gain(options, target, GainsOf(gains)),
            RoutingPolicyKind.CheapestAcceptable => CheapestAcceptable(options, target),
            RoutingPolicyKind.Cascade => Cascade(options, target, fromCheapest: escalates),
            RoutingPolicyKind.Fixed => Fixed(planned, policy.FixedExpert, policy.FallbackList),
            _ => throw new ArgumentException($"Unknown routing policy '{policy.Kind}'.", nameof(policy)),
        };
        if (order.Count < answering)
            throw new ArgumentException($"The {policy.Kind} policy offers {order.Count} expert(s); {answering} must answer.", nameof(answering));

        var plan = order.Select(id => planned[id]).ToArray();
        // An escalating cascade may call every stage once, its first as often as it samples; otherwise at most k calls answer.
        var worstCase = escalates
            ? plan.Sum(p => p.WorstCaseCost) + (samples - 1) * plan[0].WorstCaseCost
            : plan.Select(p => p.WorstCaseCost).OrderDescending().Take(answering).Sum();
        return new RoutingPlan(policy.Kind, target, plan, answering, worstCase, escalates, samples);
    }

    private static List<string> Reflex(ExpertOption[] options, string reflex)
    {
        var rest = ByPredictedSuccess(options.Where(o => o.ExpertId != reflex));
        return [reflex, .. rest.Select(o => o.ExpertId)];
    }

    /// <summary>The gate's reported gains as the policy reads them; none when the gate reported none.</summary>
    private static PredictedGains GainsOf(IReadOnlyList<PredictedGain>? gains) =>
        gains is null || gains.Count == 0 ? PredictedGains.None : new PredictedGains(gains.Select(g => (g.From, g.To, g.Gain)));

    private static List<string> Gain(ExpertOption[] options, double target, PredictedGains gains)
    {
        var first = new GainPerCostPolicy(target).Choose(options, gains);
        var rest = ByPredictedSuccess(options.Where(o => o.ExpertId != first.ExpertId));
        return [first.ExpertId, .. rest.Select(o => o.ExpertId)];
    }

    private static List<string> CheapestAcceptable(ExpertOption[] options, double target)
    {
        var first = new CheapestAcceptablePolicy(target).Choose(options);
        // After the pick: the other acceptable experts by price, then the rest by predicted success.
        var acceptable = options.Where(o => o.SuccessMean >= target && o.ExpertId != first.ExpertId)
            .OrderBy(o => o.CostPerCall).ThenByDescending(o => o.SuccessMean).ThenBy(o => o.ExpertId, StringComparer.Ordinal);
        var rest = ByPredictedSuccess(options.Where(o => o.SuccessMean < target && o.ExpertId != first.ExpertId));
        return [first.ExpertId, .. acceptable.Select(o => o.ExpertId), .. rest.Select(o => o.ExpertId)];
    }

    /// <summary>The most likely to succeed first; ties go to the cheaper expert, then the id.</summary>
    private static IEnumerable<ExpertOption> ByPredictedSuccess(IEnumerable<ExpertOption> options) =>
        options.OrderByDescending(o => o.SuccessMean).ThenBy(o => o.CostPerCall).ThenBy(o => o.ExpertId, StringComparer.Ordinal);

    /// <param name="fromCheapest">Every stage from the cheapest on (the answer decides escalation), not from the first confident one.</param>
    private static List<string> Cascade(ExpertOption[] options, double target, bool fromCheapest)
    {
        var cascade = new CascadePolicy(target, CascadeMaxUncertainty);
        var stages = cascade.Stages(options);
        var first = fromCheapest ? stages[0] : cascade.Choose(options);
        var start = stages.ToList().FindIndex(s => s.ExpertId == first.ExpertId);
        return [.. stages.Skip(start).Select(s => s.ExpertId)];
    }

    /// <summary>The fixed expert, then its fallbacks in the caller's order; a fallback that cannot answer here now (scarred, inactive) is passed over.</summary>
    private static List<string> Fixed(Dictionary<string, PlannedExpert> planned, string? expert, IEnumerable<string> fallbacks)
    {
        if (string.IsNullOrWhiteSpace(expert) || !planned.ContainsKey(expert))
            throw new ArgumentException($"The fixed expert '{expert}' is not an active expert of this router.", nameof(expert));
        return [expert, .. fallbacks.Where(f => f != expert && planned.ContainsKey(f)).Distinct(StringComparer.Ordinal)];
    }
}
