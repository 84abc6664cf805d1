using Moecraft.Torch.LlmGating;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>
/// An LLM router's ablation test (SPEC 3.6), measured on the router's recent gate calls instead of a trainer's held-out
/// batches: the "loss" of a prompt is its expected failure rate, one minus the success the predictor gives the best expert
/// it may go to. <see cref="AblationEvidence.BaselineLoss"/> averages it with every active expert,
/// <see cref="AblationEvidence.MaskedLoss"/> without the one tested, so the delta is the success the router expects to lose
/// on its own traffic if the expert went; an expert that is never the best anywhere costs nothing to remove. The same
/// <see cref="PruneEvidenceRule"/> then judges it, its tolerance read as a drop in success rate.
/// </summary>
public static class PredictedAblation
{
    /// <summary>The evidence for masking <paramref name="expertId"/> (in <paramref name="slot"/>); null without recent gate calls.</summary>
    /// <param name="recent">Feature vectors of recent gate calls, as the predictor takes them.</param>
    /// <param name="predict">The router's success predictor.</param>
    /// <param name="active">The experts the router may route to now; <paramref name="expertId"/> among them.</param>
    /// <exception cref="ArgumentException">The expert is not active, or is the only active one.</exception>
    public static AblationEvidence? Measure(
        int slot, string expertId, IReadOnlyCollection<float[]> recent, Func<float[], IReadOnlyList<SuccessEstimate>> predict, IReadOnlySet<string> active)
    {
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(active);
        if (!active.Contains(expertId)) throw new ArgumentException($"Expert '{expertId}' is not active, so it cannot be masked.", nameof(expertId));
        if (active.Count < 2) throw new ArgumentException($"Expert '{expertId}' is the only active expert; masking it leaves nothing to route to.", nameof(expertId));
        if (recent.Count == 0) return null;

        double baseline = 0, masked = 0;
        foreach (var features in recent)
        {
            double best = 0, bestOther = 0;
            foreach (var estimate in predict(features))
            {
                if (!active.Contains(estimate.ExpertId)) continue;
                best = Math.Max(best, estimate.Mean);
                if (estimate.ExpertId != expertId) bestOther = Math.Max(bestOther, estimate.Mean);
            }
            baseline += 1 - best;
            masked += 1 - bestOther;
        }
        return new AblationEvidence(slot, 0, baseline / recent.Count, masked / recent.Count, recent.Count);
    }
}
