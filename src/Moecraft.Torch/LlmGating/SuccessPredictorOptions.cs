namespace Moecraft.Torch.LlmGating;

/// <summary>Hyperparameters of <see cref="SuccessPredictor"/>; the defaults suit L2-normalised embeddings (d = 512).</summary>
public sealed record SuccessPredictorOptions
{
    /// <summary>Ensemble size H; the spread of the heads is the uncertainty.</summary>
    public int Heads { get; init; } = 5;

    /// <summary>SGD step size per observation (unit-norm inputs: one step moves a logit by about twice this times the error).</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>L2 shrinkage of the trainable weights per step, towards each head's fixed prior.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Spread of the heads' fixed prior offsets (logits <c>-s .. s</c>), so a new expert starts at 0.5 with high uncertainty.</summary>
    public double PriorBiasScale { get; init; } = 2.0;

    /// <summary>Scale of the heads' fixed random prior directions, so heads also disagree on inputs unlike anything seen.</summary>
    public double PriorWeightScale { get; init; } = 1.0;

    /// <summary>Seeds the priors and the bootstrap draws: the same seed and observations give the same predictions.</summary>
    public ulong Seed { get; init; } = 1;

    /// <exception cref="ArgumentException">A value out of range.</exception>
    public SuccessPredictorOptions Validate()
    {
        if (Heads < 1) throw new ArgumentException($"Heads must be at least 1, got {Heads}.", nameof(Heads));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"LearningRate must be a positive finite number, got {LearningRate}.", nameof(LearningRate));
        if (!(WeightDecay >= 0) || LearningRate * WeightDecay >= 1)
            throw new ArgumentException($"WeightDecay must be non-negative with LearningRate x WeightDecay < 1, got {WeightDecay}.", nameof(WeightDecay));
        if (!(PriorBiasScale >= 0) || !double.IsFinite(PriorBiasScale))
            throw new ArgumentException($"PriorBiasScale must be a non-negative finite number, got {PriorBiasScale}.", nameof(PriorBiasScale));
        if (!(PriorWeightScale >= 0) || !double.IsFinite(PriorWeightScale))
            throw new ArgumentException($"PriorWeightScale must be a non-negative finite number, got {PriorWeightScale}.", nameof(PriorWeightScale));
        return this;
    }
}
