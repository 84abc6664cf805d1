using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// Whom a request calls, in order: the policy's pick(s) first, then the experts to fail over to before any output was
/// streamed; <see cref="Answering"/> of them must answer (k). <see cref="WorstCase"/> is what admission reserves.
/// </summary>
public sealed record RoutingPlan(RoutingPolicyKind Policy, double QualityTarget, IReadOnlyList<PlannedExpert> Order, int Answering, decimal WorstCase);
