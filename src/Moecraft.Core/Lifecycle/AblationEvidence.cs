namespace Moecraft.Lifecycle;

/// <summary>
/// An ablation test of one expert, measured by the trainer on held-out batches (SPEC 3.6): the loss with the layer as
/// it routes (<see cref="BaselineLoss"/>) and with <see cref="Slot"/> masked, its gate mass renormalised over the other
/// selected experts (<see cref="MaskedLoss"/>), over <see cref="Batches"/> batches; <see cref="Step"/> is the router step
/// it arrived with. <see cref="Delta"/> <c>= masked - baseline</c>: positive means the expert helps.
/// </summary>
public sealed record AblationEvidence(int Slot, long Step, double BaselineLoss, double MaskedLoss, int Batches)
{
    public double Delta => MaskedLoss - BaselineLoss;

    /// <exception cref="ArgumentException">A negative slot or step, non-finite losses, or no batches.</exception>
    public void Validate(int slots)
    {
        if (Slot < 0 || Slot >= slots) throw new ArgumentException($"An ablation names slot {Slot}; the layer has {slots}.");
        if (Step < 0) throw new ArgumentException($"An ablation's step cannot be negative ({Step}).");
        if (!double.IsFinite(BaselineLoss) || !double.IsFinite(MaskedLoss))
            throw new ArgumentException($"An ablation's losses must be finite, got {BaselineLoss} and {MaskedLoss}.");
        if (Batches < 1) throw new ArgumentException($"An ablation needs at least one batch, got {Batches}.");
    }
}
