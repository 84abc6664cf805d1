using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// The router layer's answer for one prompt on the LLM path (SPEC 4.4): the learned success prediction per active expert,
/// and the layer's own top-k decision (<c>z = W x + b</c>, biased selection, clean gates) that picks the shadow and weighs
/// the coherence mixture. <paramref name="Scarred"/> lists the experts left out of the predictions because a committed
/// scar (SPEC 5.3) covers this input. <paramref name="Reflex"/> names the expert of the newest committed reflex whose
/// region holds this input, when that expert is among the predictions (active, not scarred here): it answers first.
/// <paramref name="Gains"/> holds the gain head's predictions for the pairs of predicted experts it has learned enough about
/// (issue 14): the gain-per-cost policy reads them instead of the success difference; empty when it has none.
/// <paramref name="AnswerAware"/> names the predicted experts whose answers the acceptability predictor has learned enough
/// about to judge (issue 14): a cascade may answer with such an expert first and escalate by the answer; empty when none.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.GateReport")]
public sealed record GateReport([Id(0)] RouteDecision Decision, [Id(1)] ImmutableArray<ExpertPrediction> Predictions, [Id(2)] double LogitStd,
    [Id(3)] ImmutableArray<string> Scarred = default, [Id(4)] string? Reflex = null, [Id(5)] EquatableArray<PredictedGain> Gains = default,
    [Id(6)] EquatableArray<string> AnswerAware = default);
