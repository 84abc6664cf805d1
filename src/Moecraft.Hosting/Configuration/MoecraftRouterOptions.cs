using Moecraft.Routing;

namespace Moecraft.Hosting.Configuration;

/// <summary>Router layers ("Moecraft:Routers").</summary>
public sealed class MoecraftRouterOptions
{
    /// <summary>How often a router that moved takes a snapshot of its health for its history.</summary>
    public TimeSpan HealthHistoryPeriod { get; set; } = RouterHealthHistorySettings.Default.Period;

    /// <summary>How many health snapshots a router keeps; the oldest is dropped first.</summary>
    public int HealthHistoryKept { get; set; } = RouterHealthHistorySettings.Default.Kept;

    /// <summary>The grains' settings; throws <see cref="ArgumentException"/> for values that cannot work.</summary>
    public RouterHealthHistorySettings ToSettings() => new RouterHealthHistorySettings(HealthHistoryPeriod, HealthHistoryKept).Validate();
}
