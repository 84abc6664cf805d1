namespace Moecraft.Gating;

/// <summary>The selected slots of one unit, best first, with their gate weights (summing to one) and logits.</summary>
public sealed record GateSelection(int[] Slots, double[] Gates, double[] Logits);
