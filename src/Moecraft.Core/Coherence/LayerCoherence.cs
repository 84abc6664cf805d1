namespace Moecraft.Coherence;

/// <summary>
/// Coherence from a trace summary of per-expert sums (SPEC 3.2), rows of length <c>d</c> by expert:
/// <c>phi_e = cos(S_y_e / n_e, S_mix_e / n_e) = cos(S_y_e, S_mix_e)</c> (dividing both by <c>n_e</c> keeps the angle),
/// <c>phi_loo_e = cos(S_y_e, S_loo_e)</c> where <c>S_loo_e = sum_{T_e} (y_t - g_{t,e} y_{t,e})</c>,
/// and <c>Psi = sum_e n_e phi_e / sum_e n_e</c> (likewise <c>Psi_loo</c>).
/// An expert with <c>n_e = 0</c> has no reading (NaN). A zero sum vector gives cosine 0 (see <see cref="Cosine"/>).
/// </summary>
public static class LayerCoherence
{
    /// <exception cref="ArgumentException">Lengths that are not <c>E * d</c>, negative counts, or non-finite sums.</exception>
    public static CoherenceReading Measure(
        ReadOnlySpan<long> counts,
        ReadOnlySpan<double> expertSums,
        ReadOnlySpan<double> mixtureSums,
        ReadOnlySpan<double> leaveOneOutSums,
        int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var slots = counts.Length;
        RequireRows(expertSums, slots, dimension, nameof(expertSums));
        RequireRows(mixtureSums, slots, dimension, nameof(mixtureSums));
        RequireRows(leaveOneOutSums, slots, dimension, nameof(leaveOneOutSums));
        for (var e = 0; e < slots; e++)
        {
            if (counts[e] < 0) throw new ArgumentException($"Count of slot {e} is negative ({counts[e]}).", nameof(counts));
        }

        var phi = new double[slots];
        var phiLoo = new double[slots];
        double total = 0, weighted = 0, weightedLoo = 0;
        for (var e = 0; e < slots; e++)
        {
            if (counts[e] == 0)
            {
                phi[e] = double.NaN;
                phiLoo[e] = double.NaN;
                continue;
            }
            var expert = expertSums.Slice(e * dimension, dimension);
            phi[e] = Cosine.Of(expert, mixtureSums.Slice(e * dimension, dimension));
            phiLoo[e] = Cosine.Of(expert, leaveOneOutSums.Slice(e * dimension, dimension));
            total += counts[e];
            weighted += counts[e] * phi[e];
            weightedLoo += counts[e] * phiLoo[e];
        }

        return total == 0
            ? new CoherenceReading(phi, phiLoo, double.NaN, double.NaN)
            : new CoherenceReading(phi, phiLoo, weighted / total, weightedLoo / total);
    }

    private static void RequireRows(ReadOnlySpan<double> sums, int slots, int dimension, string name)
    {
        if (sums.Length != slots * dimension)
            throw new ArgumentException($"{name} must hold {slots} x {dimension} = {slots * dimension} values, got {sums.Length}.", name);
        foreach (var v in sums)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"{name} contains a non-finite value ({v}).", name);
        }
    }
}
