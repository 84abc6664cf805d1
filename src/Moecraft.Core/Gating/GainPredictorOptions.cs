namespace Moecraft.Gating;

/// <summary>Hyperparameters of <see cref="GainPredictor"/> (chosen on a validation slice of the MMLU-Pro train splits, issue 14).</summary>
public sealed record GainPredictorOptions
{
    /// <summary>SGD step size of a pair's first sample; later steps follow <see cref="LearningRateAt"/>.</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>Samples over which the step size falls to <c>1/sqrt(2)</c> of <see cref="LearningRate"/> (then <c>1/sqrt(1 + t/tau)</c>).</summary>
    public double LearningRateDecaySteps { get; init; } = 200;

    /// <summary>The floor of the schedule, so a live router keeps following experts that change.</summary>
    public double MinimumLearningRate { get; init; } = 0.02;

    /// <summary>L2 regularisation strength: each step shrinks the weights by <c>rate x L2</c> (the bias is not shrunk).</summary>
    public double L2 { get; init; } = 1e-3;

    /// <summary>Samples a pair needs before its gain is used; until then the policy reads the per-expert success difference.</summary>
    public long MinimumSamples { get; init; } = 30;

    /// <summary>The step size after <paramref name="samples"/> of a pair: <c>max(min, lr / sqrt(1 + t / tau))</c>.</summary>
    public double LearningRateAt(long samples) =>
        Math.Max(Math.Min(MinimumLearningRate, LearningRate), LearningRate / Math.Sqrt(1 + Math.Max(0, samples) / LearningRateDecaySteps));

    /// <exception cref="ArgumentException">A value out of range.</exception>
    public GainPredictorOptions Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"LearningRate must be a positive finite number, got {LearningRate}.", nameof(LearningRate));
        if (!(LearningRateDecaySteps > 0) || !double.IsFinite(LearningRateDecaySteps))
            throw new ArgumentException($"LearningRateDecaySteps must be a positive finite number, got {LearningRateDecaySteps}.", nameof(LearningRateDecaySteps));
        if (!(MinimumLearningRate >= 0) || !double.IsFinite(MinimumLearningRate))
            throw new ArgumentException($"MinimumLearningRate must be a non-negative finite number, got {MinimumLearningRate}.", nameof(MinimumLearningRate));
        if (!(L2 >= 0) || LearningRate * L2 >= 1)
            throw new ArgumentException($"L2 must be non-negative with LearningRate x L2 < 1, got {L2}.", nameof(L2));
        if (MinimumSamples < 0) throw new ArgumentException($"MinimumSamples must be non-negative, got {MinimumSamples}.", nameof(MinimumSamples));
        return this;
    }
}
