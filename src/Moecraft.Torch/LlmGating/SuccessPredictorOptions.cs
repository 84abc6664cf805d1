namespace Moecraft.Torch.LlmGating;

/// <summary>Hyperparameters of <see cref="SuccessPredictor"/>; the defaults suit L2-normalised embeddings (d = 512).</summary>
public sealed record SuccessPredictorOptions
{
    /// <summary>Ensemble size H; the spread of the heads is the uncertainty.</summary>
    public int Heads { get; init; } = 5;

    /// <summary>
    /// SGD step size of the first observation (unit-norm inputs: one step moves a logit by about twice this times the error);
    /// later steps follow <see cref="LearningRateAt"/>.
    /// </summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>Observations over which the step size falls to <c>1/sqrt(2)</c> of <see cref="LearningRate"/> (then <c>1/sqrt(1 + t/tau)</c>).</summary>
    public double LearningRateDecaySteps { get; init; } = 100;

    /// <summary>The floor of the schedule, so the gate keeps following experts that change.</summary>
    public double MinimumLearningRate { get; init; } = 0.05;

    /// <summary>Step size of the per-expert Platt scaling of the heads' mean (two parameters, so a small constant rate suffices).</summary>
    public double CalibrationLearningRate { get; init; } = 0.02;

    /// <summary>L2 shrinkage of the trainable weights per step, towards each head's fixed prior.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Spread of the heads' fixed prior offsets (logits <c>-s .. s</c>), so a new expert starts at 0.5 with high uncertainty.</summary>
    public double PriorBiasScale { get; init; } = 2.0;

    /// <summary>Scale of the heads' fixed random prior directions, so heads also disagree on inputs unlike anything seen.</summary>
    public double PriorWeightScale { get; init; } = 1.0;

    /// <summary>Seeds the priors and the bootstrap draws: the same seed and observations give the same predictions.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// The step size after <paramref name="observations"/> feedback steps: <c>max(min, lr / sqrt(1 + t / tau))</c>. A constant
    /// rate either learns slowly or keeps jumping around the optimum (at 0.5 the gate rated the cheap expert above the
    /// premium one on 29% of math items, issue 14); the decaying rate averages the noise out and the floor keeps it online.
    /// </summary>
    public double LearningRateAt(long observations) =>
        Math.Max(Math.Min(MinimumLearningRate, LearningRate), LearningRate / Math.Sqrt(1 + Math.Max(0, observations) / LearningRateDecaySteps));

    /// <exception cref="ArgumentException">A value out of range.</exception>
    public SuccessPredictorOptions Validate()
    {
        if (Heads < 1) throw new ArgumentException($"Heads must be at least 1, got {Heads}.", nameof(Heads));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"LearningRate must be a positive finite number, got {LearningRate}.", nameof(LearningRate));
        if (!(CalibrationLearningRate >= 0) || !double.IsFinite(CalibrationLearningRate))
            throw new ArgumentException($"CalibrationLearningRate must be a non-negative finite number, got {CalibrationLearningRate}.", nameof(CalibrationLearningRate));
        if (!(LearningRateDecaySteps > 0) || !double.IsFinite(LearningRateDecaySteps))
            throw new ArgumentException($"LearningRateDecaySteps must be a positive finite number, got {LearningRateDecaySteps}.", nameof(LearningRateDecaySteps));
        if (!(MinimumLearningRate >= 0) || !double.IsFinite(MinimumLearningRate))
            throw new ArgumentException($"MinimumLearningRate must be a non-negative finite number, got {MinimumLearningRate}.", nameof(MinimumLearningRate));
        if (!(WeightDecay >= 0) || LearningRate * WeightDecay >= 1)
            throw new ArgumentException($"WeightDecay must be non-negative with LearningRate x WeightDecay < 1, got {WeightDecay}.", nameof(WeightDecay));
        if (!(PriorBiasScale >= 0) || !double.IsFinite(PriorBiasScale))
            throw new ArgumentException($"PriorBiasScale must be a non-negative finite number, got {PriorBiasScale}.", nameof(PriorBiasScale));
        if (!(PriorWeightScale >= 0) || !double.IsFinite(PriorWeightScale))
            throw new ArgumentException($"PriorWeightScale must be a non-negative finite number, got {PriorWeightScale}.", nameof(PriorWeightScale));
        return this;
    }
}
