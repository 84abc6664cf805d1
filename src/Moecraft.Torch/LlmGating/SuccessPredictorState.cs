namespace Moecraft.Torch.LlmGating;

/// <summary>
/// Everything a <see cref="SuccessPredictor"/> needs to continue exactly where it stopped, as plain arrays a grain
/// can persist. Layouts are expert-major: <c>Weights</c> and <c>PriorWeights</c> are <c>[E, H, d]</c>, <c>Bias</c>
/// and <c>PriorBias</c> are <c>[E, H]</c>, with experts in the order of <c>Experts</c>.
/// </summary>
public sealed record SuccessPredictorState(
    int Dimension,
    int Heads,
    ulong Seed,
    string[] Experts,
    float[] Weights,
    float[] Bias,
    float[] PriorWeights,
    float[] PriorBias,
    ulong RandomState,
    long Observations);
