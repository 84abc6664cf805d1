namespace Moecraft.Gating;

/// <summary>
/// Chooses by predicted gain per extra cost (SPEC 4.4, issue 14): starting from the cheapest expert, it moves to a dearer
/// one only while the predicted gain in success, <c>p_dearer - p_current</c>, buys enough per unit of extra price. Prices
/// are normalised by the dearest expert's, so the rule reads the same whatever the currency or request size:
/// <code>upgrade when (p_dearer - p_current) / ((cost_dearer - cost_current) / cost_dearest) &gt;= 1 - target</code>
/// and among the dearer experts that qualify it takes the one with the best ratio, then repeats from there (the upper
/// hull of cost and predicted success). The tenant's quality target sets the exchange rate: target 1 pays for any
/// predicted gain, target 0.7 asks 0.3 of success per dearest-price call, target 0 only buys a gain larger than its normalised price.
/// Unlike <see cref="CheapestAcceptablePolicy"/> it never pays for an expert the gate predicts no better, however high
/// the target, and it spends where the gate predicts the cheap expert fails and the dear one succeeds.
/// <para>
/// With a gain head (<see cref="GainPredictor"/>) the gain of a pair is its direct prediction, <see cref="PredictedGains"/>;
/// a pair it cannot speak for yet falls back to the difference of the two success estimates.
/// </para>
/// </summary>
public sealed class GainPerCostPolicy : IRoutingPolicy
{
    /// <exception cref="ArgumentException">A target outside [0, 1].</exception>
    public GainPerCostPolicy(double qualityTarget)
    {
        ExpertOptions.ValidateTarget(qualityTarget, nameof(qualityTarget));
        QualityTarget = qualityTarget;
    }

    public double QualityTarget { get; }

    /// <summary>The predicted success one dearest-price call must buy for an upgrade: <c>1 - target</c>.</summary>
    public double RequiredGainPerCost => 1 - QualityTarget;

    public ExpertOption Choose(IReadOnlyList<ExpertOption> options) => Choose(options, PredictedGains.None);

    /// <summary>Chooses with the gain head's predictions where it has them (see the class remarks).</summary>
    /// <exception cref="ArgumentException">No options, a repeated id or a value out of range.</exception>
    public ExpertOption Choose(IReadOnlyList<ExpertOption> options, PredictedGains gains)
    {
        ArgumentNullException.ThrowIfNull(gains);
        ExpertOptions.Validate(options, nameof(options));
        var byCost = ExpertOptions.ByCost(options);
        var dearest = byCost[^1].CostPerCall;
        var current = byCost[0];
        while (true)
        {
            ExpertOption? best = null;
            var bestRatio = double.NegativeInfinity;
            foreach (var option in byCost)
            {
                var gain = gains.Of(current.ExpertId, option.ExpertId) ?? option.SuccessMean - current.SuccessMean;
                if (option.CostPerCall < current.CostPerCall || option == current || !(gain > 0)) continue;
                var extra = dearest > 0 ? (option.CostPerCall - current.CostPerCall) / dearest : 0;
                // An equal price with a better prediction is a free gain: take it.
                var ratio = extra > 0 ? gain / extra : double.PositiveInfinity;
                if (ratio >= RequiredGainPerCost && ratio > bestRatio)
                {
                    best = option;
                    bestRatio = ratio;
                }
            }
            if (best is null) return current;
            current = best;
        }
    }
}
