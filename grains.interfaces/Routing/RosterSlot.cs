namespace Moecraft.Routing;

/// <summary>One slot of a router's roster and whether it takes part in routing.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.RosterSlot")]
public sealed record RosterSlot([Id(0)] int Slot, [Id(1)] string ExpertId, [Id(2)] bool Active);
