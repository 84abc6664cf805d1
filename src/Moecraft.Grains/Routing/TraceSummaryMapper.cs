using System.Collections.Immutable;
using Moecraft.Coherence;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>Checks a trace summary's shape against the router and turns it into the engine's step input.</summary>
public static class TraceSummaryMapper
{
    public static TraceStepInput ToStepInput(TraceSummary summary, bool[] active)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var slots = active.Length;
        if (summary.Dimension < 1) throw new ArgumentException($"Trace dimension must be at least 1, got {summary.Dimension}.", nameof(summary));
        var d = summary.Dimension;
        Require(summary.Counts, slots, "Counts");
        Require(summary.ExpertOutputSums, slots * d, "ExpertOutputSums");
        Require(summary.MixtureSums, slots * d, "MixtureSums");
        Require(summary.LeaveOneOutSums, slots * d, "LeaveOneOutSums");
        if (!double.IsFinite(summary.LogitStd) || summary.LogitStd < 0)
            throw new ArgumentException($"LogitStd must be a finite, non-negative number, got {summary.LogitStd}.", nameof(summary));

        var sampled = Optional(summary.SampledClean);
        var sampledBiased = Optional(summary.SampledBiased);
        if ((sampled is null) != (sampledBiased is null) || (sampled is not null && sampled.Length != sampledBiased!.Length))
            throw new ArgumentException("SampledClean and SampledBiased must both be present with equal lengths, or both be empty.", nameof(summary));
        var inputs = Optional(summary.SampledInputs);
        var inputSlots = summary.SampledInputSlots.IsDefaultOrEmpty ? null : summary.SampledInputSlots.ToArray();
        if ((inputs is null) != (inputSlots is null))
            throw new ArgumentException("SampledInputs and SampledInputSlots must both be present, or both be empty.", nameof(summary));

        return new TraceStepInput
        {
            Units = summary.Units,
            TopK = summary.TopK,
            Active = (bool[])active.Clone(),
            Counts = [.. summary.Counts],
            ExpertOutputSums = Doubles(summary.ExpertOutputSums),
            MixtureOutputSums = Doubles(summary.MixtureSums),
            LeaveOneOutSums = Doubles(summary.LeaveOneOutSums),
            LogitStd = summary.LogitStd,
            SampledCleanProbabilities = sampled,
            SampledBiasedProbabilities = sampledBiased,
            SampledInputs = inputs,
            SampledInputExperts = inputSlots,
            Ablations = summary.Ablations.IsDefaultOrEmpty
                ? null
                : [.. summary.Ablations.Select(a => a is null
                    ? throw new ArgumentException("An ablation test is missing.", nameof(summary))
                    : new AblationEvidence(a.Slot, 0, a.BaselineLoss, a.MaskedLoss, a.Batches))],
        };
    }

    private static void Require<T>(ImmutableArray<T> values, int length, string name)
    {
        if (values.IsDefault || values.Length != length)
            throw new ArgumentException($"{name} must hold {length} values, got {(values.IsDefault ? 0 : values.Length)}.", name);
    }

    private static double[]? Optional(ImmutableArray<float> values) => values.IsDefaultOrEmpty ? null : Doubles(values);

    private static double[] Doubles(ImmutableArray<float> values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < result.Length; i++) result[i] = values[i];
        return result;
    }
}
