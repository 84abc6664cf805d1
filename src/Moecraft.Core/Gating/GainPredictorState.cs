namespace Moecraft.Gating;

/// <summary>
/// Everything a <see cref="GainPredictor"/> needs to continue where it stopped, as plain arrays a grain can persist: the input
/// width and one head per pair of experts.
/// </summary>
public sealed record GainPredictorState(int Dimension, GainPairState[] Pairs);

/// <summary>
/// One pair's head: <c>First</c> sorts before <c>Second</c> (ordinal). <c>Weights</c> are <c>[3, d]</c> row-major and
/// <c>Bias</c> <c>[3]</c>, for the outcomes "first better", "tie", "second better"; <c>Samples</c> drives the step size.
/// </summary>
public sealed record GainPairState(string First, string Second, float[] Weights, float[] Bias, long Samples);
