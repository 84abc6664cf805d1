using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// What a router layer answers to a trace: <see cref="Bias"/> (the selection bias <c>b + beta</c>, one value per slot) and the
/// <see cref="Active"/> mask to apply to the NEXT step's selection (a lifecycle edit may have changed the roster), and
/// that step's load and coherence figures; <see cref="AblationWanted"/> names the prune candidates whose ablation test
/// the trainer should measure and send with a coming trace (SPEC 3.6).
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.TraceObservation")]
public sealed record TraceObservation(
    [Id(0)] long Step,
    [Id(1)] int Epoch,
    [Id(2)] ImmutableArray<float> Bias,
    [Id(3)] double Relevance,
    [Id(4)] double Psi,
    [Id(5)] double PsiLeaveOneOut,
    [Id(6)] double EffectiveExperts,
    [Id(7)] double MaxViolation,
    [Id(8)] RoutingDisagreementReport? Disagreement,
    [Id(9)] ImmutableArray<bool> Active,
    [property: Id(10)] ImmutableArray<int> AblationWanted = default);
