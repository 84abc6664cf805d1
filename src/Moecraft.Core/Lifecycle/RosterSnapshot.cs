namespace Moecraft.Lifecycle;

/// <summary>
/// What the free energy and the lifecycle coordinator look at, per slot (SPEC 3.5, 3.6): the active mask, the slow
/// <c>phi_loo</c> clock (<see cref="SlowCoherence"/>, NaN: no reading; the per-expert <c>phi_slow</c> of the prune and split
/// conditions), the slow <c>phi</c> clock (<see cref="SlowPhi"/>, self term included: the layer's <c>Psi_slow</c> is
/// weighted from it, as SPEC 3.2 defines <c>Psi</c> over <c>phi</c>), the slow load-share clock (NaN counts as 0),
/// bimodality <c>B_e</c>, role vectors (rows of <see cref="RoleDimension"/>, zero: no sample) and tokens seen; and how
/// old the slow clocks are: <see cref="Steps"/> observed against the slow half-life <see cref="SlowHalfLife"/>; and the
/// latest ablation test per slot (<see cref="Ablations"/>, null: none), the evidence a prune needs.
/// Edits are predicted by changing a copy of these arrays.
/// </summary>
public sealed record RosterSnapshot(
    bool[] Active,
    double[] SlowCoherence,
    double[] SlowPhi,
    double[] LoadShare,
    double[] Bimodality,
    double[] RoleVectors,
    int RoleDimension,
    long[] TokensSeen,
    long Steps,
    double SlowHalfLife,
    AblationEvidence?[]? Ablations = null)
{
    /// <summary><c>E_max</c>, the number of slots.</summary>
    public int Slots => Active.Length;

    public int ActiveCount => Active.Count(a => a);

    /// <exception cref="ArgumentException">Arrays of the wrong length or with values out of range.</exception>
    public void Validate()
    {
        var slots = Active?.Length ?? 0;
        if (slots == 0) throw new ArgumentException("A roster needs at least one slot.", nameof(Active));
        if (Steps < 0) throw new ArgumentException($"Steps cannot be negative ({Steps}).", nameof(Steps));
        if (!(SlowHalfLife > 0) || double.IsInfinity(SlowHalfLife))
            throw new ArgumentException($"The slow half-life must be positive and finite, got {SlowHalfLife}.", nameof(SlowHalfLife));
        if (RoleDimension < 1) throw new ArgumentException($"Role dimension must be at least 1, got {RoleDimension}.", nameof(RoleDimension));
        if (SlowCoherence?.Length != slots || SlowPhi?.Length != slots || LoadShare?.Length != slots || Bimodality?.Length != slots || TokensSeen?.Length != slots)
            throw new ArgumentException($"Coherence, phi, load, bimodality and tokens must each hold {slots} values.");
        if (RoleVectors?.Length != slots * RoleDimension)
            throw new ArgumentException($"Role vectors must hold {slots} x {RoleDimension} values.", nameof(RoleVectors));
        for (var e = 0; e < slots; e++)
        {
            if (double.IsInfinity(SlowCoherence[e]) || Math.Abs(SlowCoherence[e]) > 1)
                throw new ArgumentException($"Slow coherence of slot {e} must be in [-1, 1] or NaN, got {SlowCoherence[e]}.", nameof(SlowCoherence));
            if (double.IsInfinity(SlowPhi[e]) || Math.Abs(SlowPhi[e]) > 1)
                throw new ArgumentException($"Slow phi of slot {e} must be in [-1, 1] or NaN, got {SlowPhi[e]}.", nameof(SlowPhi));
            if (LoadShare[e] < 0 || double.IsInfinity(LoadShare[e]))
                throw new ArgumentException($"Load share of slot {e} must be a finite number >= 0 or NaN, got {LoadShare[e]}.", nameof(LoadShare));
            if (!(Bimodality[e] >= 0 && Bimodality[e] <= 1))
                throw new ArgumentException($"Bimodality of slot {e} must be in [0, 1], got {Bimodality[e]}.", nameof(Bimodality));
            if (TokensSeen[e] < 0)
                throw new ArgumentException($"Tokens seen by slot {e} cannot be negative ({TokensSeen[e]}).", nameof(TokensSeen));
        }
        if (Ablations is not null)
        {
            if (Ablations.Length != slots) throw new ArgumentException($"Ablations must hold {slots} entries.", nameof(Ablations));
            for (var e = 0; e < slots; e++)
            {
                if (Ablations[e] is not { } ablation) continue;
                ablation.Validate(slots);
                if (ablation.Slot != e) throw new ArgumentException($"The ablation held for slot {e} names slot {ablation.Slot}.", nameof(Ablations));
            }
        }
        if (RoleVectors.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("Role vectors hold a non-finite value.", nameof(RoleVectors));
    }

    /// <summary>A deep copy, for predicting an edit without touching the original.</summary>
    public RosterSnapshot Copy() => new(
        (bool[])Active.Clone(),
        (double[])SlowCoherence.Clone(),
        (double[])SlowPhi.Clone(),
        (double[])LoadShare.Clone(),
        (double[])Bimodality.Clone(),
        (double[])RoleVectors.Clone(),
        RoleDimension,
        (long[])TokensSeen.Clone(),
        Steps,
        SlowHalfLife,
        (AblationEvidence?[]?)Ablations?.Clone());
}
