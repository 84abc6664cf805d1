using System.Collections.Immutable;

namespace Moecraft.Lifecycle;

/// <summary>
/// A lifecycle decision, proposed or not, with its full context (SPEC 3.6): when it was made (step, epoch, time), the
/// free energy before, every candidate, the chosen one (<see cref="Chosen"/> indexes <see cref="Candidates"/>; null
/// means "do nothing"), a summary line and its status.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.LifecycleDecisionRecord")]
public sealed record LifecycleDecisionRecord(
    long Id,
    long Step,
    int Epoch,
    DateTimeOffset At,
    FreeEnergyReport Before,
    double RequiredBelow,
    ImmutableArray<LifecycleCandidateReport> Candidates,
    int? Chosen,
    string Summary,
    LifecycleDecisionStatus Status)
{
    public LifecycleCandidateReport? ChosenCandidate => Chosen is { } index ? Candidates[index] : null;
}
