using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// One step's trace of a router layer (SPEC 3.2, 3.7): <see cref="Units"/> units routed top-<see cref="TopK"/>;
/// per-slot counts <c>n_e</c>; per-slot sums of expert outputs, mixture outputs and leave-one-out outputs
/// (<c>E x d</c> row-major by slot, <c>d</c> = <see cref="Dimension"/>); the mean std of the clean logits over active
/// slots; optionally sampled <c>p_clean</c> / <c>p_biased</c> rows (<c>S x E</c> each, both or neither) and sampled
/// gate inputs (<c>M x InputDimension</c>) with the slot each went to, and the ablation tests the trainer measured since
/// the last trace (the slots the router asked for in <see cref="TraceObservation.AblationWanted"/>). <c>3 E d + E</c> numbers plus samples: the
/// whole <c>[T, k, d]</c> tensor never travels.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.TraceSummary")]
public sealed record TraceSummary(
    [Id(0)] int Units,
    [Id(1)] int TopK,
    [Id(2)] int Dimension,
    [Id(3)] ImmutableArray<long> Counts,
    [Id(4)] ImmutableArray<float> ExpertOutputSums,
    [Id(5)] ImmutableArray<float> MixtureSums,
    [Id(6)] ImmutableArray<float> LeaveOneOutSums,
    [Id(7)] double LogitStd,
    [Id(8)] ImmutableArray<float> SampledClean,
    [Id(9)] ImmutableArray<float> SampledBiased,
    [Id(10)] int InputDimension,
    [Id(11)] ImmutableArray<float> SampledInputs,
    [Id(12)] ImmutableArray<int> SampledInputSlots,
    [property: Id(13)] ImmutableArray<AblationMeasurement> Ablations = default);
