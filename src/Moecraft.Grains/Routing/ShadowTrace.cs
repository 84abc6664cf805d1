using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>
/// The LLM path's trace for the router layer's coherence clocks (SPEC 3.7): a request answered by its expert and by a
/// shadow expert is one unit routed top-2; <c>y</c> are the answers' embeddings, the mixture is their gate-weighted mean
/// (gates renormalised over the pair), and each expert's leave-one-out mixture is the other's weighted answer.
/// </summary>
public static class ShadowTrace
{
    /// <exception cref="ArgumentException">Equal or out-of-range slots, embeddings of different lengths, or gates that are not positive.</exception>
    public static TraceSummary Build(int width, int primarySlot, int shadowSlot, double primaryGate, double shadowGate, float[] primary, float[] shadow, double logitStd)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(shadow);
        if (primarySlot == shadowSlot) throw new ArgumentException("The shadow must be another expert than the primary one.");
        ArgumentOutOfRangeException.ThrowIfNegative(primarySlot);
        ArgumentOutOfRangeException.ThrowIfNegative(shadowSlot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(primarySlot, width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shadowSlot, width);
        if (primary.Length == 0 || primary.Length != shadow.Length)
            throw new ArgumentException($"Answer embeddings must have one non-zero length, got {primary.Length} and {shadow.Length}.");
        if (!(primaryGate > 0) || !(shadowGate > 0)) throw new ArgumentException("Both gates must be positive.");

        var d = primary.Length;
        var gP = primaryGate / (primaryGate + shadowGate);
        var gS = 1 - gP;
        var counts = new long[width];
        counts[primarySlot] = counts[shadowSlot] = 1;
        var expert = new float[width * d];
        var mixture = new float[width * d];
        var leaveOneOut = new float[width * d];
        for (var i = 0; i < d; i++)
        {
            var mix = (float)(gP * primary[i] + gS * shadow[i]);
            expert[primarySlot * d + i] = primary[i];
            expert[shadowSlot * d + i] = shadow[i];
            mixture[primarySlot * d + i] = mixture[shadowSlot * d + i] = mix;
            leaveOneOut[primarySlot * d + i] = (float)(gS * shadow[i]);
            leaveOneOut[shadowSlot * d + i] = (float)(gP * primary[i]);
        }

        return new TraceSummary(
            Units: 1, TopK: 2, Dimension: d, [.. counts], [.. expert], [.. mixture], [.. leaveOneOut], logitStd,
            SampledClean: [], SampledBiased: [], InputDimension: 0, SampledInputs: [], SampledInputSlots: []);
    }
}
