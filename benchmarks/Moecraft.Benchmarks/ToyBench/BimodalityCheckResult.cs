namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// The bimodality known answer: <c>B_e</c> of an expert fed from two well-separated input clusters and of one fed from a
/// single cluster, whether the router layer proposed a split for each, and its proposals in full.
/// </summary>
internal sealed record BimodalityCheckResult(
    int Steps,
    double BimodalB,
    double UnimodalB,
    double SplitThreshold,
    bool SplitProposedForBimodal,
    bool SplitProposedForUnimodal,
    bool PruneProposed,
    string[] Proposals)
{
    public bool Passed => SplitProposedForBimodal && !SplitProposedForUnimodal && !PruneProposed && BimodalB > SplitThreshold && UnimodalB <= SplitThreshold;
}
