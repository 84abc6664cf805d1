namespace Moecraft.Torch.Training;

/// <summary>Training settings; the defaults are the toy bench's (BENCHMARKS 1).</summary>
public sealed record MoeTrainerOptions
{
    public int Steps { get; init; } = 2000;

    public int BatchSize { get; init; } = 16;

    public int Context { get; init; } = 64;

    public double LearningRate { get; init; } = 1e-3;

    public double MinLearningRate { get; init; } = 1e-4;

    public int WarmupSteps { get; init; } = 100;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.99;

    /// <summary>AdamW decoupled weight decay (PyTorch's default).</summary>
    public double WeightDecay { get; init; } = 0.01;

    public double GradientClipNorm { get; init; } = 1.0;

    /// <summary>Seeds weight initialisation, batch sampling, noise and the trace samplers.</summary>
    public int Seed { get; init; } = 1337;

    /// <summary>Switch auxiliary loss weight alpha (the bench's aux arm uses 0.01); 0 disables it.</summary>
    public double AuxiliaryLossWeight { get; init; }

    /// <summary>Intra-op threads; the bench uses 1 so that arms compare on equal footing. Note it is process-wide.</summary>
    public int Threads { get; init; } = 1;

    public int ValidationBatches { get; init; } = 40;

    public int ValidationBatchSize { get; init; } = 32;

    public int ValidationSeed { get; init; } = 42;

    public double TraceSampleFraction { get; init; } = 0.1;

    public int TraceInputsPerExpert { get; init; } = 16;

    public MoeFaultPlan Faults { get; init; } = MoeFaultPlan.None;

    /// <summary>Held-out batches (from the validation text, <see cref="AblationSeed"/>) an ablation test averages over.</summary>
    public int AblationBatches { get; init; } = 4;

    public int AblationSeed { get; init; } = 4242;

    /// <summary>The fewest training steps between two rounds of ablation tests (the controller's requests wait meanwhile).</summary>
    public int AblationInterval { get; init; } = 50;
}
