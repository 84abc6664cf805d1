using System.Collections.Immutable;

namespace Moecraft.Lifecycle;

/// <summary>
/// A lifecycle decision, proposed or not, with its full context (SPEC 3.6): when it was made (step, epoch, time), the
/// free energy before, every candidate, the chosen one (<see cref="Chosen"/> indexes <see cref="Candidates"/>; null
/// means "do nothing"), a summary line and its status.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.LifecycleDecisionRecord")]
public sealed record LifecycleDecisionRecord(
    [Id(0)] long Id,
    [Id(1)] long Step,
    [Id(2)] int Epoch,
    [Id(3)] DateTimeOffset At,
    [Id(4)] FreeEnergyReport Before,
    [Id(5)] double RequiredBelow,
    [Id(6)] ImmutableArray<LifecycleCandidateReport> Candidates,
    [Id(7)] int? Chosen,
    [Id(8)] string Summary,
    [Id(9)] LifecycleDecisionStatus Status)
{
    public LifecycleCandidateReport? ChosenCandidate => Chosen is { } index ? Candidates[index] : null;
}
