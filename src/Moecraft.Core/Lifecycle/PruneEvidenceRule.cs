using static System.FormattableString;

namespace Moecraft.Lifecycle;

/// <summary>
/// The evidence a prune needs beyond low coherence (SPEC 3.6): an ablation test (<see cref="AblationEvidence"/>) no older
/// than <see cref="MaximumAge"/> router steps in which masking the expert did not make the held-out loss worse by more
/// than <see cref="Tolerance"/> nats. Low <c>phi_loo</c> alone does not tell a specialist from a broken expert (measured
/// on the toy bench: a healthy expert with full load sat below 0.1). When masking makes the held-out loss lower at all, the
/// expert demonstrably <see cref="AblationVerdict.Hurts"/> (measured in the training-loop test: a noise expert the router had
/// already starved lowered the loss by only 0.0013-0.0016 nats when masked). The lifecycle proposes with it and the commit
/// re-checks the same rule on the evidence then held.
/// </summary>
public sealed record PruneEvidenceRule
{
    /// <summary>Nats per character the loss may rise when the expert is masked and it still counts as not helping.</summary>
    public double Tolerance { get; init; } = 0.005;

    /// <summary>Router steps after which an ablation is too old to prune on.</summary>
    public long MaximumAge { get; init; } = 300;

    /// <summary>What an ablation says about pruning its expert at router step <paramref name="step"/>.</summary>
    public AblationVerdict Check(AblationEvidence? evidence, long step)
    {
        Validate();
        if (evidence is null) return new AblationVerdict(false, false, "ablation: none measured");
        var age = step - evidence.Step;
        var measured = Invariant($"ablation at step {evidence.Step}: loss {evidence.BaselineLoss:0.####} -> {evidence.MaskedLoss:0.####} masked ({evidence.Delta:+0.####;-0.####;0})");
        if (age > MaximumAge) return new AblationVerdict(false, false, Invariant($"{measured}, {age} steps old > {MaximumAge}"));
        var holds = evidence.Delta <= Tolerance;
        return new AblationVerdict(holds, evidence.Delta < 0, Invariant($"{measured} <= +{Tolerance}"));
    }

    /// <summary>Whether a fresh ablation of a prune candidate should be measured: none held, or half its useful age gone.</summary>
    public bool NeedsMeasurement(AblationEvidence? evidence, long step) => evidence is null || step - evidence.Step > MaximumAge / 2;

    /// <exception cref="ArgumentException">A negative or non-finite tolerance, or a non-positive maximum age.</exception>
    public void Validate()
    {
        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance)) throw new ArgumentException($"The ablation tolerance must be a finite number >= 0, got {Tolerance}.");
        if (MaximumAge < 1) throw new ArgumentException($"The ablation's maximum age must be at least 1 step, got {MaximumAge}.");
    }
}

/// <summary>Whether an ablation lets a prune go ahead (<see cref="Holds"/>), whether it shows the expert hurts, and why.</summary>
public sealed record AblationVerdict(bool Holds, bool Hurts, string Reason);
