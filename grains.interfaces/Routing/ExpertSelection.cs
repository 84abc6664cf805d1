namespace Moecraft.Routing;

/// <summary>One selected expert of a routing decision with its gate weight and raw logit.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertSelection")]
public sealed record ExpertSelection(int Slot, string ExpertId, double Gate, double Logit);
