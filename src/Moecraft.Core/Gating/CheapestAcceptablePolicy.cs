namespace Moecraft.Gating;

/// <summary>
/// The cheapest expert whose predicted success, less <c>z</c> times its uncertainty, reaches the tenant's quality
/// target (SPEC 4.4); with <c>z &gt; 0</c> an expert the gate knows little about must clear a higher bar. When no expert
/// is acceptable, the one with the highest predicted success (the best the router can do).
/// </summary>
public sealed class CheapestAcceptablePolicy : IRoutingPolicy
{
    /// <exception cref="ArgumentException">A target outside [0, 1] or a negative or non-finite penalty.</exception>
    public CheapestAcceptablePolicy(double qualityTarget, double uncertaintyPenalty = 0)
    {
        ExpertOptions.ValidateTarget(qualityTarget, nameof(qualityTarget));
        if (!(uncertaintyPenalty >= 0) || double.IsInfinity(uncertaintyPenalty))
            throw new ArgumentException($"The uncertainty penalty z must be a non-negative finite number, got {uncertaintyPenalty}.", nameof(uncertaintyPenalty));
        QualityTarget = qualityTarget;
        UncertaintyPenalty = uncertaintyPenalty;
    }

    public double QualityTarget { get; }

    public double UncertaintyPenalty { get; }

    public ExpertOption Choose(IReadOnlyList<ExpertOption> options)
    {
        ExpertOptions.Validate(options, nameof(options));
        foreach (var option in ExpertOptions.ByCost(options))
        {
            if (option.SuccessMean - UncertaintyPenalty * option.Uncertainty >= QualityTarget) return option;
        }
        return ExpertOptions.MostLikelyToSucceed(options);
    }
}
