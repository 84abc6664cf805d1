namespace Moecraft.Lifecycle;

/// <summary>
/// The lifecycle thresholds (SPEC 3.6). Prune <c>e</c>: <c>phi_slow_e &lt; 0.3</c>, <c>tokens_e &gt;= 1000</c> and the starvation
/// guard (<c>Psi_slow &gt;= 0.5</c>, <c>Neff</c> after the prune <c>&gt;= 2</c>) and ablation evidence that the expert does not
/// help (<see cref="PruneEvidence"/>). Merge <c>i, j</c>: <c>cos(r_i, r_j) &gt; 0.95</c>.
/// Split <c>e</c>: <c>B_e &gt; 0.25</c> and <c>phi_slow_e &gt;= 0.3</c>. Spawn: <c>Psi_slow &lt; 0.5</c>, a free slot, saturation <c>&gt; 2</c>.
/// Propose only if <c>F_new &lt; F - 0.01</c>. Beyond the SPEC, a prune also waits until the slow clocks are
/// <see cref="PruneMinimumSlowClockAge"/> (2) half-lives old: an EMA that "first sample initialises" still gives that
/// sample a quarter of its weight then, and in a neural layer the first samples come from the untrained model (measured on the toy bench:
/// healthy experts start at phi_loo near 0 and were proposed for pruning within 50 steps). <see cref="SpawnedCoherencePrior"/> is the slow coherence a spawned expert is
/// predicted to reach (the SPEC leaves it open; without a prior a spawn could only ever add complexity).
/// </summary>
public sealed record LifecycleRule
{
    public double PruneCoherenceBelow { get; init; } = 0.3;

    public long PruneMinimumTokens { get; init; } = 1000;

    /// <summary>How many slow half-lives of steps a layer must have observed before any prune (0 turns the guard off).</summary>
    public double PruneMinimumSlowClockAge { get; init; } = 2;

    public double GuardMinimumCoherence { get; init; } = 0.5;

    public double GuardMinimumEffectiveExperts { get; init; } = 2;

    public double MergeRoleCosineAbove { get; init; } = 0.95;

    public double SplitBimodalityAbove { get; init; } = 0.25;

    public double SplitMinimumCoherence { get; init; } = 0.3;

    public double SpawnCoherenceBelow { get; init; } = 0.5;

    public double SpawnSaturationAbove { get; init; } = 2;

    public double MinimumImprovement { get; init; } = 0.01;

    public double SpawnedCoherencePrior { get; init; } = 0.5;

    /// <summary>The ablation evidence a prune needs besides low coherence (SPEC 3.6).</summary>
    public PruneEvidenceRule PruneEvidence { get; init; } = new();

    /// <exception cref="ArgumentException">A non-finite threshold, negative tokens or a negative margin.</exception>
    public void Validate()
    {
        double[] thresholds =
        [
            PruneCoherenceBelow, PruneMinimumSlowClockAge, GuardMinimumCoherence, GuardMinimumEffectiveExperts, MergeRoleCosineAbove,
            SplitBimodalityAbove, SplitMinimumCoherence, SpawnCoherenceBelow, SpawnSaturationAbove, MinimumImprovement, SpawnedCoherencePrior,
        ];
        if (thresholds.Any(t => !double.IsFinite(t))) throw new ArgumentException("Lifecycle thresholds must be finite.");
        if (PruneMinimumTokens < 0) throw new ArgumentException($"Minimum tokens cannot be negative ({PruneMinimumTokens}).");
        if (PruneMinimumSlowClockAge < 0) throw new ArgumentException($"The minimum slow clock age cannot be negative ({PruneMinimumSlowClockAge}).");
        if (MinimumImprovement < 0) throw new ArgumentException($"The improvement margin cannot be negative ({MinimumImprovement}).");
        if (PruneEvidence is null) throw new ArgumentException("The prune evidence rule must be set.");
        PruneEvidence.Validate();
        if (Math.Abs(SpawnedCoherencePrior) > 1) throw new ArgumentException($"The spawn coherence prior must be in [-1, 1] ({SpawnedCoherencePrior}).");
    }
}
