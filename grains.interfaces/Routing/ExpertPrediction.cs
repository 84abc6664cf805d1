namespace Moecraft.Routing;

/// <summary>The gate's prediction for one active expert: probability of an acceptable answer and its uncertainty.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertPrediction")]
public sealed record ExpertPrediction([Id(0)] string ExpertId, [Id(1)] int Slot, [Id(2)] double SuccessMean, [Id(3)] double Uncertainty);
