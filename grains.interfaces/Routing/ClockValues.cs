namespace Moecraft.Routing;

/// <summary>A quantity on the three clocks (half-lives 10, 100 and 1,000 steps by default); NaN before any sample.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ClockValues")]
public sealed record ClockValues([Id(0)] double Fast, [Id(1)] double Mid, [Id(2)] double Slow);
