namespace Moecraft.Routing;

/// <summary>A quantity on the three clocks (half-lives 10, 100 and 1,000 steps by default); NaN before any sample.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ClockValues")]
public sealed record ClockValues(double Fast, double Mid, double Slow);
