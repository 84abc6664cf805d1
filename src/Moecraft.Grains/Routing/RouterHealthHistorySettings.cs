namespace Moecraft.Routing;

/// <summary>
/// How router layers keep their health history on this silo (bound from <c>Moecraft:Routers</c>).
/// </summary>
/// <param name="Period">How often a router takes a snapshot of its health, when it moved since the last one.</param>
/// <param name="Kept">How many snapshots a router keeps; the oldest is dropped first.</param>
/// <remarks>
/// Time, not steps, decides: the neural path observes thousands of steps a minute and the LLM path one per twenty
/// requests (5 % shadow sampling), so a step interval would write far too often on one and almost never on the other,
/// while one snapshot per period bounds the writes on both and gives the console's charts a time axis. The defaults,
/// one a minute and 360 kept, hold the last six hours a router was active.
/// </remarks>
public sealed record RouterHealthHistorySettings(TimeSpan Period, int Kept)
{
    public static RouterHealthHistorySettings Default { get; } = new(TimeSpan.FromMinutes(1), 360);

    /// <summary>Throws <see cref="ArgumentException"/> for values the history cannot work with.</summary>
    public RouterHealthHistorySettings Validate()
    {
        if (Period < TimeSpan.FromMilliseconds(100) || Period > TimeSpan.FromDays(1))
            throw new ArgumentException($"Moecraft:Routers:HealthHistoryPeriod must be 00:00:00.1 to 1.00:00:00; got {Period}.");
        if (Kept is < 1 or > 10_000)
            throw new ArgumentException($"Moecraft:Routers:HealthHistoryKept must be 1 to 10000; got {Kept}.");
        return this;
    }
}
