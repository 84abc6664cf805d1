namespace Moecraft.Gating;

/// <summary>
/// What a routing policy knows about one expert for one request: expected cost per call, the predicted probability
/// of an acceptable answer and the uncertainty of that prediction (the ensemble's standard deviation).
/// </summary>
public sealed record ExpertOption(string ExpertId, double CostPerCall, double SuccessMean, double Uncertainty);
