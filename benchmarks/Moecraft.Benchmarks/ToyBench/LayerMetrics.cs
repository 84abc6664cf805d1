namespace Moecraft.Benchmarks.ToyBench;

/// <summary>One MoE layer's figures for one run (formulas in <see cref="ToyBenchMetrics"/>).</summary>
/// <param name="ValidationCounts"><c>c_i</c>: validation tokens routed to each expert.</param>
/// <param name="MaxVioBatchByWindow">Mean MaxVio_batch per window of <see cref="ToyBenchMetrics.WindowSteps"/> steps, in order.</param>
/// <param name="DisagreementRun">Mean over every step.</param>
/// <param name="DisagreementLast">Mean over the last-steps window.</param>
/// <param name="CoherenceSource">Where phi comes from: the router layer grain's clocks, or the bench's own clocks on the same trace summaries.</param>
/// <param name="Router">The Moecraft arm only.</param>
internal sealed record LayerMetrics(
    int Layer,
    long[] ValidationCounts,
    double MaxVioGlobal,
    double EffectiveExperts,
    int[] DeadExperts,
    int[] StarvedExperts,
    double MaxVioBatchLast,
    double[] MaxVioBatchByWindow,
    DisagreementFigures DisagreementRun,
    DisagreementFigures DisagreementLast,
    string CoherenceSource,
    double?[] PhiSlow,
    double?[] PhiLeaveOneOutSlow,
    double?[] PhiLeaveOneOutFast,
    RouterLayerFindings? Router);
