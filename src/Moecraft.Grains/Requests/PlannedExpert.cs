using Moecraft.Experts;

namespace Moecraft.Requests;

/// <summary>An expert the request path may call, with its price, the gate's prediction and its worst-case cost for this request.</summary>
public sealed record PlannedExpert(string ExpertId, int Slot, ExpertPricing Pricing, double SuccessMean, double Uncertainty, decimal WorstCaseCost);
