namespace Moecraft.Balancing;

/// <summary>
/// One unit's routing under the slow bias (SPEC 3.1). <see cref="Slots"/> is the selected set <c>S_biased</c>
/// (best first by biased logit); <see cref="Gates"/> are <c>p_clean</c> renormalised over it, aligned with
/// <see cref="Slots"/>; <see cref="CleanSlots"/> is <c>S_clean</c>, the set the clean logits alone would pick.
/// </summary>
public sealed record BiasedGateSelection(int[] Slots, double[] Gates, int[] CleanSlots)
{
    /// <summary>The biased top-k set, the one actually routed to (same as <see cref="Slots"/>).</summary>
    public int[] BiasedSlots => Slots;
}
