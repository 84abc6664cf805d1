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
        int slot, string expertId, IReadOnlyCollection<float[]> recent, Func<float[], IReadOnlyList<SuccessEstimate>> predict, IReadOnlySet<string> active) =>
        Measure([(slot, expertId)], recent, predict, active)[0];

    /// <summary>
    /// The evidence for masking each of <paramref name="tested"/> (null each without recent gate calls), from one prediction
    /// per recent call: the best and second-best active experts decide every test.
    /// </summary>
    /// <exception cref="ArgumentException">An expert is not active, or is the only active one.</exception>
    public static AblationEvidence?[] Measure(
        IReadOnlyList<(int Slot, string ExpertId)> tested, IReadOnlyCollection<float[]> recent, Func<float[], IReadOnlyList<SuccessEstimate>> predict,
        IReadOnlySet<string> active)
    {
        ArgumentNullException.ThrowIfNull(tested);
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(active);
        foreach (var (_, expertId) in tested)
        {
            if (!active.Contains(expertId)) throw new ArgumentException($"Expert '{expertId}' is not active, so it cannot be masked.", nameof(tested));
            if (active.Count < 2) throw new ArgumentException($"Expert '{expertId}' is the only active expert; masking it leaves nothing to route to.", nameof(tested));
        }
        if (recent.Count == 0) return new AblationEvidence?[tested.Count];

        // Masking an expert changes a call's best success only where it was the best: then the second best takes over.
        double baseline = 0;
        var masked = new double[tested.Count];
        foreach (var features in recent)
        {
            (string? Expert, double Mean) best = (null, 0);
            double second = 0;
            foreach (var estimate in predict(features))
            {
                if (!active.Contains(estimate.ExpertId)) continue;
                if (best.Expert is null || estimate.Mean > best.Mean)
                {
                    second = best.Expert is null ? second : best.Mean;
                    best = (estimate.ExpertId, estimate.Mean);
                }
                else second = Math.Max(second, estimate.Mean);
            }
            baseline += 1 - best.Mean;
            for (var i = 0; i < tested.Count; i++) masked[i] += 1 - (tested[i].ExpertId == best.Expert ? second : best.Mean);
        }
        return [.. tested.Select((test, i) => (AblationEvidence?)new AblationEvidence(test.Slot, 0, baseline / recent.Count, masked[i] / recent.Count, recent.Count))];
    }
}
