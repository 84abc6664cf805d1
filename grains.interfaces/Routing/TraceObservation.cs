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
    long Step,
    int Epoch,
    ImmutableArray<float> Bias,
    double Relevance,
    double Psi,
    double PsiLeaveOneOut,
    double EffectiveExperts,
    double MaxViolation,
    RoutingDisagreementReport? Disagreement,
    ImmutableArray<bool> Active,
    [property: Id(10)] ImmutableArray<int> AblationWanted = default);
