namespace Moecraft.Balancing;

/// <summary>
/// The routing mass the coherence term alone moves, the bridge detector's input once the bias is split (SPEC 3.1):
/// from each sampled clean row <c>p = softmax(z_clean)</c> it forms <c>q_b = softmax(z_clean + b)</c> and
/// <c>q_bb = softmax(z_clean + b + beta)</c> (as <c>p * exp(bias)</c>, renormalised over the active slots) and returns the
/// mean overlap-only mass <c>sum_e max(0, q_bb_e - q_b_e)</c>. The load part <c>b</c> balances; it is not a hallucinated
/// route, so the mass it moves must not veto the coherence part (measured on the toy bench: loss-free balancing alone moves
/// 0.08-0.20 of the mass, which would hold <c>r</c> well below 1).
/// </summary>
public static class CoherenceOverlap
{
    /// <param name="cleanRows">Sampled <c>p_clean</c> rows, <c>S * E</c> row-major (temperature 1).</param>
    /// <exception cref="ArgumentException">Lengths that do not match, or non-finite values.</exception>
    public static double Mass(ReadOnlySpan<double> cleanRows, ReadOnlySpan<double> loadBias, ReadOnlySpan<double> coherenceBias, ReadOnlySpan<bool> active)
    {
        var slots = active.Length;
        if (slots == 0 || loadBias.Length != slots || coherenceBias.Length != slots)
            throw new ArgumentException($"Load and coherence bias must each hold {slots} values, got {loadBias.Length} and {coherenceBias.Length}.");
        if (cleanRows.Length == 0 || cleanRows.Length % slots != 0)
            throw new ArgumentException($"Sampled rows must be a non-empty multiple of {slots} values, got {cleanRows.Length}.", nameof(cleanRows));

        var balanced = new double[slots];
        var biased = new double[slots];
        var rows = cleanRows.Length / slots;
        var total = 0.0;
        for (var s = 0; s < rows; s++)
        {
            var row = cleanRows.Slice(s * slots, slots);
            double balancedSum = 0, biasedSum = 0;
            for (var e = 0; e < slots; e++)
            {
                if (!double.IsFinite(row[e]) || !double.IsFinite(loadBias[e]) || !double.IsFinite(coherenceBias[e]))
                    throw new ArgumentException($"Slot {e} has a non-finite probability or bias.");
                balanced[e] = active[e] ? row[e] * Math.Exp(loadBias[e]) : 0;
                biased[e] = active[e] ? balanced[e] * Math.Exp(coherenceBias[e]) : 0;
                balancedSum += balanced[e];
                biasedSum += biased[e];
            }
            if (balancedSum <= 0 || biasedSum <= 0) continue; // all mass on inactive slots: nothing moved among the active ones
            for (var e = 0; e < slots; e++) total += Math.Max(0, biased[e] / biasedSum - balanced[e] / balancedSum);
        }
        return total / rows;
    }
}
