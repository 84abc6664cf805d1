using Moecraft.Experts;
using Moecraft.Gating;

namespace Moecraft.Requests;

/// <summary>An expert the request path may call, with its price, the gate's prediction and its worst-case cost for this request.</summary>
public sealed record PlannedExpert(string ExpertId, int Slot, ExpertPricing Pricing, double SuccessMean, double Uncertainty, decimal WorstCaseCost)
{
    /// <summary>The expert as the routing policies weigh it: its worst-case cost and the gate's prediction.</summary>
    public ExpertOption ToOption() => new(ExpertId, (double)WorstCaseCost, SuccessMean, Uncertainty);
}
