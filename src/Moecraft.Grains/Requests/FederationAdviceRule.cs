using System.Collections.Immutable;
using Moecraft.Federation;
using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>
/// How federated knowledge changes a gate's predictions (SPEC 6): experts a peer scarred for this region are left out,
/// and a peer's routing prior pulls an expert's predicted success towards what the peer observed, by at most half,
/// weighted by the samples behind it (<c>alpha = 0.5 * n / (n + 20)</c>), so a node's own evidence keeps the last word.
/// </summary>
public static class FederationAdviceRule
{
    /// <summary>Samples at which a prior gets half its maximum weight.</summary>
    public const int HalfWeightSamples = 20;

    public static ImmutableArray<ExpertPrediction> Apply(ImmutableArray<ExpertPrediction> predictions, FederationAdvice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        var scarred = advice.Scarred.IsDefault ? [] : advice.Scarred;
        var priors = (advice.Priors.IsDefault ? [] : advice.Priors).ToDictionary(p => p.Expert, StringComparer.Ordinal);
        return [.. predictions
            .Where(p => !scarred.Contains(p.ExpertId))
            .Select(p => priors.TryGetValue(p.ExpertId, out var prior) ? p with { SuccessMean = Blend(p.SuccessMean, prior) } : p)];
    }

    public static double Blend(double predicted, ExpertPrior prior)
    {
        var alpha = 0.5 * prior.Samples / (prior.Samples + (double)HalfWeightSamples);
        return (1 - alpha) * predicted + alpha * prior.Success;
    }
}
