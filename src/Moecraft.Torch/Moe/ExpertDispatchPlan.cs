namespace Moecraft.Torch.Moe;

/// <summary>
/// Where each routed (token, expert) slot goes when tokens are grouped by expert. Built on the CPU with a counting sort
/// of the <c>T x k</c> selected expert ids: a few microseconds, and it yields the per-expert counts the dispatch needs
/// anyway (to slice each expert's contiguous block) without extra tensor ops.
/// </summary>
public sealed class ExpertDispatchPlan
{
    private ExpertDispatchPlan(long[] counts, long[] slotOrder, long[] slotTokens, long[] slotExperts, long[] topExpert)
    {
        Counts = counts;
        SlotOrder = slotOrder;
        SlotTokens = slotTokens;
        SlotExperts = slotExperts;
        TopExpert = topExpert;
    }

    /// <summary><c>n_e</c>: how many tokens selected expert e.</summary>
    public long[] Counts { get; }

    /// <summary>For each position in expert order, the flat slot index <c>t * k + j</c> it came from.</summary>
    public long[] SlotOrder { get; }

    /// <summary>For each position in expert order, the token <c>t</c>.</summary>
    public long[] SlotTokens { get; }

    /// <summary>For each position in expert order, the expert (non-decreasing).</summary>
    public long[] SlotExperts { get; }

    /// <summary>For each token, the first (highest-scoring) selected expert.</summary>
    public long[] TopExpert { get; }

    /// <param name="selected">Row-major <c>[T, k]</c> expert ids, each row ordered best first.</param>
    public static ExpertDispatchPlan FromSelection(long[] selected, int units, int topK, int experts)
    {
        ArgumentNullException.ThrowIfNull(selected);
        if (selected.Length != units * topK)
            throw new ArgumentException($"Selection holds {selected.Length} ids; expected {units} x {topK}.", nameof(selected));

        var counts = new long[experts];
        foreach (var expert in selected)
        {
            if ((ulong)expert >= (ulong)experts)
                throw new ArgumentException($"Expert id {expert} is outside 0..{experts - 1}.", nameof(selected));
            counts[expert]++;
        }

        var next = new long[experts];
        for (var e = 1; e < experts; e++) next[e] = next[e - 1] + counts[e - 1];

        var slotOrder = new long[selected.Length];
        var slotTokens = new long[selected.Length];
        var slotExperts = new long[selected.Length];
        var topExpert = new long[units];
        for (var slot = 0; slot < selected.Length; slot++)
        {
            var expert = selected[slot];
            var position = next[expert]++;
            slotOrder[position] = slot;
            slotTokens[position] = slot / topK;
            slotExperts[position] = expert;
            if (slot % topK == 0) topExpert[slot / topK] = expert;
        }

        return new ExpertDispatchPlan(counts, slotOrder, slotTokens, slotExperts, topExpert);
    }
}
