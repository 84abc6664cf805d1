namespace Moecraft.Lifecycle;

/// <summary>
/// One candidate edit with its full context: the slots it touches (prune <c>[e]</c>; merge <c>[kept, retired]</c>;
/// split <c>[e, new]</c>; spawn <c>[new]</c>; without a free slot the new slot is missing), whether every condition
/// held, each condition and its outcome in <see cref="Reason"/>, and the predicted free energy after the edit
/// (NaN where it cannot be predicted, e.g. no free slot). <see cref="ShownHarmful"/>: a prune whose ablation showed that
/// masking the expert lowers the loss; the free-energy margin does not hold it back (see <see cref="LifecycleCoordinator"/>).
/// </summary>
public sealed record LifecycleCandidate(LifecycleEditKind Kind, int[] Slots, bool Eligible, string Reason, double PredictedFreeEnergy)
{
    public bool ShownHarmful { get; init; }
}
