namespace Moecraft.Gating;

/// <summary>Settings of <see cref="NeighbourGainEstimator"/> (chosen on a validation slice of the MMLU-Pro train splits, issue 14).</summary>
public sealed record NeighbourGainOptions
{
    /// <summary>How many of the most similar samples vote; 0: every sample, weighted by similarity alone.</summary>
    public int Neighbours { get; init; } = 64;

    /// <summary>
    /// The softmax temperature over cosine similarity: a neighbour at similarity <c>s</c> weighs <c>exp((s - 1) / T)</c>, so an
    /// identical prompt weighs 1 and a far one almost nothing; a large temperature approaches the plain mean of the neighbours.
    /// </summary>
    public double Temperature { get; init; } = 0.05;

    /// <summary>
    /// The weight of the global mean gain (over every sample in memory) in the estimate, as if it were that many identical
    /// neighbours: few or far neighbours leave the estimate near the global mean, many close ones outweigh it.
    /// </summary>
    public double PriorStrength { get; init; } = 1;

    /// <summary>Samples with both experts' scores a pair needs before its gain is used; until then the policy reads the success difference.</summary>
    public int MinimumSamples { get; init; } = 30;

    /// <exception cref="ArgumentException">A value out of range.</exception>
    public NeighbourGainOptions Validate()
    {
        if (Neighbours < 0) throw new ArgumentException($"Neighbours must be non-negative (0: all), got {Neighbours}.", nameof(Neighbours));
        if (!(Temperature > 0) || !double.IsFinite(Temperature))
            throw new ArgumentException($"Temperature must be a positive finite number, got {Temperature}.", nameof(Temperature));
        if (!(PriorStrength >= 0) || !double.IsFinite(PriorStrength))
            throw new ArgumentException($"PriorStrength must be a non-negative finite number, got {PriorStrength}.", nameof(PriorStrength));
        if (MinimumSamples < 0) throw new ArgumentException($"MinimumSamples must be non-negative, got {MinimumSamples}.", nameof(MinimumSamples));
        return this;
    }
}
