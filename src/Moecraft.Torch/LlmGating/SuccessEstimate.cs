namespace Moecraft.Torch.LlmGating;

/// <summary>
/// One expert's predicted probability of an acceptable answer: the mean over the ensemble's heads and their
/// (population) standard deviation, which is large where the heads have seen little data.
/// </summary>
public sealed record SuccessEstimate(string ExpertId, double Mean, double StandardDeviation);
