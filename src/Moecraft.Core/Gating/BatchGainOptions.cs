namespace Moecraft.Gating;

/// <summary>Settings of <see cref="BatchGainModel"/> (L2 chosen on a validation slice of the MMLU-Pro train splits, issue 14).</summary>
public sealed record BatchGainOptions
{
    /// <summary>L2 strength on the standardised weights (the bias is not penalised), against the mean cross-entropy.</summary>
    public double L2 { get; init; } = 0.01;

    /// <summary>Full-batch accelerated gradient steps per refit at most (a refit starts from the last fit).</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>A refit stops early once the gradient's norm is below this.</summary>
    public double Tolerance { get; init; } = 1e-5;

    /// <summary>Samples with both experts' scores a pair needs before it is fitted; until then the policy reads the success difference.</summary>
    public int MinimumSamples { get; init; } = 30;

    /// <exception cref="ArgumentException">A value out of range.</exception>
    public BatchGainOptions Validate()
    {
        if (!(L2 >= 0) || !double.IsFinite(L2)) throw new ArgumentException($"L2 must be a non-negative finite number, got {L2}.", nameof(L2));
        if (MaxIterations < 1) throw new ArgumentException($"MaxIterations must be positive, got {MaxIterations}.", nameof(MaxIterations));
        if (!(Tolerance >= 0) || !double.IsFinite(Tolerance)) throw new ArgumentException($"Tolerance must be a non-negative finite number, got {Tolerance}.", nameof(Tolerance));
        if (MinimumSamples < 1) throw new ArgumentException($"MinimumSamples must be positive, got {MinimumSamples}.", nameof(MinimumSamples));
        return this;
    }
}
