namespace Moecraft.Gating;

/// <summary>
/// Top-k selection with softmax gates renormalised over the selected set (SPEC 3.1):
/// <c>g_e = exp(z_e / T) / sum_{j in S} exp(z_j / T)</c> for <c>e in S = topk(z)</c>.
/// </summary>
public static class TopKGate
{
    /// <summary>Selects the <paramref name="k"/> largest finite logits; masked slots carry negative infinity.</summary>
    /// <exception cref="ArgumentException">Fewer than <paramref name="k"/> finite logits, a NaN, or a non-positive temperature.</exception>
    public static GateSelection Select(ReadOnlySpan<float> logits, int k, double temperature)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be a positive finite number.");

        var available = 0;
        foreach (var z in logits)
        {
            if (float.IsNaN(z)) throw new ArgumentException("Logits contain NaN.", nameof(logits));
            if (!float.IsNegativeInfinity(z)) available++;
        }
        if (available < k)
            throw new ArgumentException($"Cannot select {k} experts: only {available} slots are active.", nameof(logits));

        // Partial selection sort: k is small (1-8) so this beats sorting all slots.
        var slots = new int[k];
        var chosen = new bool[logits.Length];
        for (var i = 0; i < k; i++)
        {
            var best = -1;
            for (var e = 0; e < logits.Length; e++)
            {
                if (chosen[e] || float.IsNegativeInfinity(logits[e])) continue;
                if (best < 0 || logits[e] > logits[best]) best = e;
            }
            chosen[best] = true;
            slots[i] = best;
        }

        var selectedLogits = new double[k];
        for (var i = 0; i < k; i++) selectedLogits[i] = logits[slots[i]];
        return new GateSelection(slots, Softmax.Of(selectedLogits, temperature), selectedLogits);
    }
}
