namespace Moecraft.Routing;

/// <summary>One slot of a router's roster and whether it takes part in routing.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.RosterSlot")]
public sealed record RosterSlot(int Slot, string ExpertId, bool Active);
