namespace Moecraft.Torch.Training;

/// <summary>
/// Faults the toy bench injects into every MoE layer, because a small model does not fail by itself in 2,000 steps:
/// a forced collapse (a logit offset on some experts for the first steps, then removed) and a noise expert (its output
/// replaced by Gaussian noise from some step on).
/// </summary>
public sealed record MoeFaultPlan
{
    public IReadOnlyList<int> CollapseExperts { get; init; } = [];

    public float CollapseOffset { get; init; } = 4f;

    /// <summary>The collapse offset applies to steps <c>0 .. CollapseUntilStep - 1</c>.</summary>
    public int CollapseUntilStep { get; init; }

    public int? NoiseExpert { get; init; }

    public int NoiseFromStep { get; init; }

    public float NoiseScale { get; init; } = 1f;

    public static MoeFaultPlan None { get; } = new();

    /// <summary>BENCHMARKS 1: +4 on the logits of experts 0 and 1 for steps 0-299.</summary>
    public static MoeFaultPlan ForcedCollapse { get; } = new() { CollapseExperts = [0, 1], CollapseUntilStep = 300 };

    /// <summary>BENCHMARKS 1: one expert's output replaced by random noise from step 500.</summary>
    public static MoeFaultPlan NoisyExpert(int expert, int fromStep = 500) => new() { NoiseExpert = expert, NoiseFromStep = fromStep };

    /// <summary>The logit offset for a layer of <paramref name="experts"/> at this step, or null when none applies.</summary>
    public float[]? LogitOffsetAt(int step, int experts)
    {
        if (step >= CollapseUntilStep || CollapseExperts.Count == 0) return null;
        var offset = new float[experts];
        foreach (var expert in CollapseExperts) offset[expert] = CollapseOffset;
        return offset;
    }

    public int? NoiseExpertAt(int step) => step >= NoiseFromStep ? NoiseExpert : null;
}
