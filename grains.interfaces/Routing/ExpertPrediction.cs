namespace Moecraft.Routing;

/// <summary>The gate's prediction for one active expert: probability of an acceptable answer and its uncertainty.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertPrediction")]
public sealed record ExpertPrediction(string ExpertId, int Slot, double SuccessMean, double Uncertainty);
