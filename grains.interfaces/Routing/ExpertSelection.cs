namespace Moecraft.Routing;

/// <summary>One selected expert of a routing decision with its gate weight and raw logit.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertSelection")]
public sealed record ExpertSelection([Id(0)] int Slot, [Id(1)] string ExpertId, [Id(2)] double Gate, [Id(3)] double Logit);
