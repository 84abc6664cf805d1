using System.Collections.Immutable;
using Moecraft.Balancing;
using Moecraft.Gating;
using Moecraft.Kernel;

namespace Moecraft.Routing;

/// <summary>
/// How a router layer picks experts for an input (SPEC 3.2, 5.3): top-k on <c>z + beta</c> among the experts no scar
/// masks at the input, gated by the clean softmax over the selection.
/// </summary>
public static class RouteSelection
{
    /// <summary>The decision for one input's logits; throws, changing nothing, when every active expert is scarred there.</summary>
    public static RouteDecision Decide(
        string routerId, RouterLayerState state, ReadOnlySpan<float> logits, ReadOnlySpan<float> input, double[] beta)
    {
        var configuration = state.Configuration!;
        var k = configuration.TopK;
        if (MaskScarred(state, logits, input) is { } masked)
        {
            var open = masked.Count(float.IsFinite);
            if (open == 0)
                throw new InvalidOperationException(
                    $"Every active expert of router '{routerId}' is scarred for this input ({string.Join(", ", ScarredAt(state.Scars, input).Order(StringComparer.Ordinal))}): " +
                    "no expert may take it. Nothing was started.");
            logits = masked;
            k = Math.Min(k, open);
        }
        var selection = BiasedGate.Select(logits, beta, k, configuration.Temperature);
        var selected = ImmutableArray.CreateBuilder<ExpertSelection>(selection.Slots.Length);
        for (var i = 0; i < selection.Slots.Length; i++)
        {
            var slot = selection.Slots[i];
            selected.Add(new ExpertSelection(slot, state.SlotExperts[slot]!, selection.Gates[i], logits[slot]));
        }
        return new RouteDecision(routerId, state.Epoch, selected.MoveToImmutable(), [.. selection.CleanSlots]);
    }

    /// <summary>How far the biased selection departs from the clean one over a batch of <paramref name="units"/> rows of logits.</summary>
    public static DisagreementSummary Disagreement(float[] logits, double[] beta, int units, RouterConfiguration configuration)
    {
        var width = configuration.Width;
        var clean = new double[units * width];
        var biased = new double[units * width];
        var scaled = new double[width];
        for (var t = 0; t < units; t++)
        {
            var row = logits.AsSpan(t * width, width);
            for (var e = 0; e < width; e++) scaled[e] = row[e];
            Softmax.Of(scaled, configuration.Temperature).CopyTo(clean, t * width);
            for (var e = 0; e < width; e++) scaled[e] = row[e] + beta[e];
            Softmax.Of(scaled, configuration.Temperature).CopyTo(biased, t * width);
        }
        return RoutingDisagreement.Summarise(clean, biased, width, configuration.TopK);
    }

    /// <summary>The logits with the slots of experts scarred at <paramref name="input"/> set to -inf; null when no scar applies.</summary>
    public static float[]? MaskScarred(RouterLayerState state, ReadOnlySpan<float> logits, ReadOnlySpan<float> input)
    {
        if (state.Scars.Count == 0) return null;
        float[]? masked = null;
        foreach (var expert in ScarredAt(state.Scars, input))
        {
            var slot = RouterRoster.SlotOf(state, expert);
            if (slot < 0) continue;
            masked ??= logits.ToArray();
            masked[slot] = float.NegativeInfinity;
        }
        return masked;
    }

    /// <summary>Experts scarred for a region that contains <paramref name="input"/>.</summary>
    public static HashSet<string> ScarredAt(IEnumerable<RegionClaim> scars, ReadOnlySpan<float> input)
    {
        var scarred = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scar in scars)
            if (!scarred.Contains(scar.ExpertId) && ScarRegion.Contains(scar.Centroid.AsSpan(), scar.Radius, input)) scarred.Add(scar.ExpertId);
        return scarred;
    }

    /// <summary>The standard deviation of the active slots' logits (how sure the gate is), 0 with none active.</summary>
    public static double LogitStd(ReadOnlySpan<float> logits, bool[] active)
    {
        double sum = 0, squares = 0;
        var count = 0;
        for (var e = 0; e < logits.Length; e++)
        {
            if (!active[e]) continue;
            sum += logits[e];
            squares += logits[e] * (double)logits[e];
            count++;
        }
        if (count == 0) return 0;
        var mean = sum / count;
        return Math.Sqrt(Math.Max(0, squares / count - mean * mean));
    }
}
