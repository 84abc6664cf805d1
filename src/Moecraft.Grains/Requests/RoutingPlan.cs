using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// Whom a request calls, in order: the policy's pick(s) first, then the experts to fail over to before any output was
/// streamed; <see cref="Answering"/> of them must answer (k). <see cref="WorstCase"/> is what admission reserves.
/// <see cref="EscalatesByAnswer"/>: a cascade that answers with its cheapest stage first and, when the learned
/// acceptability of that answer is below the target, calls a later stage (issue 14; the worst case covers every stage).
/// <see cref="AnswerSamples"/>: how many answers that first stage gives (more than one: a consistency check, whose
/// disagreement escalates; the worst case covers every sample).
/// </summary>
public sealed record RoutingPlan(
    RoutingPolicyKind Policy, double QualityTarget, IReadOnlyList<PlannedExpert> Order, int Answering, decimal WorstCase, bool EscalatesByAnswer = false,
    int AnswerSamples = 1);
