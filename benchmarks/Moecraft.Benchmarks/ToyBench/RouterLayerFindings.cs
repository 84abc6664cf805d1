namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// What the Moecraft arm's router layer grain reported for one layer: the degrading flag at each health poll and at the
/// end, <c>delta_phi = phi_loo_fast - phi_loo_slow</c> and bimodality <c>B_e</c> at the end, and every lifecycle
/// decision (how many were recorded, and those that proposed an edit).
/// </summary>
/// <param name="PollSteps">The steps after which health was read.</param>
/// <param name="FlaggedAt">Per expert, the poll steps at which it was flagged degrading.</param>
internal sealed record RouterLayerFindings(
    int[] PollSteps,
    int[][] FlaggedAt,
    bool[] DegradingAtEnd,
    double?[] DeltaPhi,
    double[] Bimodality,
    int Decisions,
    ProposalFinding[] Proposals)
{
    /// <summary>Share of polls at which each expert was flagged.</summary>
    public double[] FlaggedShare => [.. FlaggedAt.Select(steps => PollSteps.Length == 0 ? 0 : (double)steps.Length / PollSteps.Length)];

    public bool FlaggedFrom(int expert, int step) => DegradingAtEnd[expert] || FlaggedAt[expert].Any(s => s >= step);
}
