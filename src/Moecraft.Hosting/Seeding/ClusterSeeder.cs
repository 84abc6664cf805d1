using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moecraft.Cluster;
using Moecraft.Experts;
using Moecraft.Hosting.Configuration;
using Moecraft.Routing;

namespace Moecraft.Hosting.Seeding;

/// <summary>
/// On a node's first start, creates the default router and registers the simulated demo experts on it.
/// Runs once the silo is active; does nothing when the default router already has a roster.
/// </summary>
public sealed partial class ClusterSeeder(IGrainFactory grains, IOptions<MoecraftSiloOptions> options, ILogger<ClusterSeeder> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed.Enabled) return;

        var router = grains.GetGrain<IRouterLayerGrain>(ClusterSeed.DefaultRouterId);
        var snapshot = await router.Configure(RouterConfiguration.Default);
        if (!snapshot.Slots.IsEmpty)
        {
            LogAlreadySeeded(logger, ClusterSeed.DefaultRouterId, snapshot.Slots.Length);
            return;
        }

        foreach (var definition in DemoExperts.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await grains.GetGrain<IExpertGrain>(definition.Id).Register(definition);
            await router.RegisterExpert(definition.Id);
        }
        LogSeeded(logger, ClusterSeed.DefaultRouterId, DemoExperts.All.Length);
    }

    [LoggerMessage(1, LogLevel.Information, "Seeded router {RouterId} with {Count} simulated experts")]
    private static partial void LogSeeded(ILogger logger, string routerId, int count);

    [LoggerMessage(2, LogLevel.Information, "Router {RouterId} already has {Count} experts; nothing to seed")]
    private static partial void LogAlreadySeeded(ILogger logger, string routerId, int count);
}
