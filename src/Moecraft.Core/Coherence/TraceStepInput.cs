using Moecraft.Lifecycle;

namespace Moecraft.Coherence;

/// <summary>
/// One step's trace summary for a router layer (SPEC 3.2, 3.7): <see cref="Units"/> <c>T</c> routed top-<see cref="TopK"/>
/// over the <see cref="Active"/> slots; per-slot counts <c>n_e</c>; per-slot sums of expert outputs <c>S_y</c>, mixture
/// outputs <c>S_mix</c> and leave-one-out outputs <c>S_loo = sum (y_t - g_{t,e} y_{t,e})</c>, each <c>E * d</c> row-major
/// by slot; the mean std of <c>z_clean</c> over active slots; optionally sampled <c>p_clean</c> and <c>p_biased</c> rows
/// (<c>S * E</c> each, both or neither), sampled gate inputs (<c>M * d_in</c>) with the slot each was routed to, and
/// ablation tests of prune candidates (SPEC 3.6).
/// </summary>
public sealed record TraceStepInput
{
    public required int Units { get; init; }

    public required int TopK { get; init; }

    public required bool[] Active { get; init; }

    public required long[] Counts { get; init; }

    public required double[] ExpertOutputSums { get; init; }

    public required double[] MixtureOutputSums { get; init; }

    public required double[] LeaveOneOutSums { get; init; }

    /// <summary>Mean over this step's units of the std of <c>z_clean</c> over active slots; feeds <c>s</c>.</summary>
    public required double LogitStd { get; init; }

    public double[]? SampledCleanProbabilities { get; init; }

    public double[]? SampledBiasedProbabilities { get; init; }

    public double[]? SampledInputs { get; init; }

    public int[]? SampledInputExperts { get; init; }

    /// <summary>Ablation tests the trainer measured since the last step (slot, losses, batches); their step is this one's.</summary>
    public AblationEvidence[]? Ablations { get; init; }
}
