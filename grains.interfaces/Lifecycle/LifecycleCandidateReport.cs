using System.Collections.Immutable;

namespace Moecraft.Lifecycle;

/// <summary>
/// One candidate edit: the slots it touches (prune <c>[e]</c>, merge <c>[kept, retired]</c>, split <c>[e, new]</c>,
/// spawn <c>[new]</c>), whether every condition held, each condition with its value, and the predicted free energy.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.LifecycleCandidateReport")]
public sealed record LifecycleCandidateReport(
    [Id(0)] LifecycleEdit Edit,
    [Id(1)] ImmutableArray<int> Slots,
    [Id(2)] bool Eligible,
    [Id(3)] string Reason,
    [Id(4)] double PredictedFreeEnergy);
