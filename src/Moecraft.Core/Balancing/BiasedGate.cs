using Moecraft.Gating;

namespace Moecraft.Balancing;

/// <summary>
/// Gating with the slow bias (SPEC 3.1): the bias selects, it does not weigh.
/// <c>S = topk(z_clean + beta)</c>; <c>g_e = exp(z_clean_e / T) / sum_{j in S} exp(z_clean_j / T)</c> for <c>e in S</c>,
/// which is <c>p_clean = softmax(z_clean / T)</c> renormalised over <c>S</c>.
/// </summary>
public static class BiasedGate
{
    /// <summary>Selects with <c>z_biased = z_clean + beta</c>; masked slots carry -inf in <paramref name="cleanLogits"/>.</summary>
    /// <exception cref="ArgumentException">Mismatched lengths, a non-finite bias, NaN logits, too few active slots, or a bad temperature.</exception>
    public static BiasedGateSelection Select(ReadOnlySpan<float> cleanLogits, ReadOnlySpan<double> beta, int k, double temperature)
    {
        if (beta.Length != cleanLogits.Length)
            throw new ArgumentException($"{beta.Length} bias values for {cleanLogits.Length} logits.", nameof(beta));
        foreach (var b in beta)
        {
            if (!double.IsFinite(b)) throw new ArgumentException($"Bias contains a non-finite value ({b}).", nameof(beta));
        }

        var clean = TopKGate.Select(cleanLogits, k, temperature);

        // -inf + beta stays -inf, so masked slots stay masked.
        var biasedLogits = new float[cleanLogits.Length];
        for (var e = 0; e < biasedLogits.Length; e++) biasedLogits[e] = (float)(cleanLogits[e] + beta[e]);
        var biased = TopKGate.Select(biasedLogits, k, temperature);

        var selectedClean = new double[k];
        for (var i = 0; i < k; i++) selectedClean[i] = cleanLogits[biased.Slots[i]];
        return new BiasedGateSelection(biased.Slots, Softmax.Of(selectedClean, temperature), clean.Slots);
    }

    /// <summary>Selects with <c>beta_e = r * k_e * s</c> (see <see cref="ScaleFreeBias"/>); slots with -inf logits count as inactive.</summary>
    public static BiasedGateSelection Select(
        ReadOnlySpan<float> cleanLogits, ReadOnlySpan<double> coefficients, double relevance, double logitScale, int k, double temperature)
    {
        var active = new bool[cleanLogits.Length];
        for (var e = 0; e < active.Length; e++) active[e] = !float.IsNegativeInfinity(cleanLogits[e]);
        return Select(cleanLogits, ScaleFreeBias.Beta(coefficients, relevance, logitScale, active), k, temperature);
    }
}
