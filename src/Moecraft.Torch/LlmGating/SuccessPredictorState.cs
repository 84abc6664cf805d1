namespace Moecraft.Torch.LlmGating;

/// <summary>
/// Everything a <see cref="SuccessPredictor"/> needs to continue exactly where it stopped, as plain arrays a grain
/// can persist. Layouts are expert-major: <c>Weights</c> and <c>PriorWeights</c> are <c>[E, H, d]</c>, <c>Bias</c>
/// and <c>PriorBias</c> are <c>[E, H]</c>, with experts in the order of <c>Experts</c>. <c>StatisticsWidth</c>: how many of
/// the <c>Dimension</c> inputs are prompt statistics appended after the embedding (0 for a predictor from before issue 14,
/// which sees the embedding alone); <c>Calibration</c>: per expert the Platt scaling <c>a, b</c> of the heads' mean (null
/// in an older state: the identity). New members go at the end with defaults, so older states still load.
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
    long Observations,
    int StatisticsWidth = 0,
    float[]? Calibration = null);
