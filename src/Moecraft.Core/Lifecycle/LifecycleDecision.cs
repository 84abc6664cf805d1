namespace Moecraft.Lifecycle;

/// <summary>
/// A lifecycle decision with its full context, proposed or not (SPEC 3.6): the free energy before, every candidate
/// considered, and the chosen one, which must be eligible and reach <c>F_new &lt; F - margin</c>
/// (<see cref="RequiredBelow"/>); <see cref="Chosen"/> null means "do nothing".
/// </summary>
public sealed record LifecycleDecision(
    FreeEnergyBreakdown Before,
    double RequiredBelow,
    LifecycleCandidate[] Candidates,
    LifecycleCandidate? Chosen,
    string Summary)
{
    public bool ProposesEdit => Chosen is not null;
}
