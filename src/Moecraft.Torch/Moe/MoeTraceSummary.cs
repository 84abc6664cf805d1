namespace Moecraft.Torch.Moe;

/// <summary>
/// One MoE layer's forward pass reduced to plain arrays (no tensors), enough for the router layer's coherence, slow
/// bias, disagreement and bimodality math (SPEC 3.2, 3.7). Matrices are row-major. <c>T</c> units (tokens), top-<c>k</c>,
/// <c>E</c> experts, width <c>d</c>; <c>T_e</c> is the set of tokens that selected expert e.
/// </summary>
/// <param name="Counts"><c>n_e = |T_e|</c>, length E.</param>
/// <param name="ExpertOutputSums"><c>sum_{t in T_e} y_{t,e}</c>, <c>[E, d]</c>.</param>
/// <param name="MixtureSums"><c>sum_{t in T_e} y_t</c>, <c>[E, d]</c>.</param>
/// <param name="LeaveOneOutSums"><c>sum_{t in T_e} (y_t - g_{t,e} y_{t,e})</c>, <c>[E, d]</c>.</param>
/// <param name="LogitStd">Mean over tokens of the (population) standard deviation of <c>z_clean</c> over the experts.</param>
/// <param name="SampledClean"><c>softmax(z_clean)</c> rows of a seeded sample of tokens, <c>[S, E]</c>.</param>
/// <param name="SampledBiased"><c>softmax(z_clean + beta)</c> rows of the same tokens, <c>[S, E]</c> (equal to the clean rows without a bias).</param>
/// <param name="SampledInputs">A few layer-input rows <c>x_t</c> per expert, <c>[S2, d]</c>, grouped by expert.</param>
/// <param name="SampledInputExperts">The top-1 selected expert of each sampled input row, length S2.</param>
public sealed record MoeTraceSummary(
    int Units,
    int TopK,
    int ExpertCount,
    int Dimension,
    long[] Counts,
    float[] ExpertOutputSums,
    float[] MixtureSums,
    float[] LeaveOneOutSums,
    double LogitStd,
    float[] SampledClean,
    float[] SampledBiased,
    float[] SampledInputs,
    int[] SampledInputExperts)
{
    /// <summary>S: how many tokens' probability rows were sampled.</summary>
    public int SampledUnits => SampledClean.Length / ExpertCount;
}
