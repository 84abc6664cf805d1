using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moecraft.Cluster;
using Moecraft.Experts;
using Moecraft.Experts.Embeddings;
using Moecraft.Hosting.Configuration;
using Moecraft.Routing;

namespace Moecraft.Hosting.Seeding;

/// <summary>
/// On a node's first start, creates the default router for the silo's embedder and registers the simulated demo experts
/// on it. Runs once the silo is active; does nothing when the default router already has a roster. A default router made
/// with another embedder is left as it is, with a warning that says how to migrate it.
/// </summary>
public sealed partial class ClusterSeeder(
    IGrainFactory grains, IOptions<MoecraftSiloOptions> options, SiloEmbedder embedder, ILocalSiloDetails silo, ILogger<ClusterSeeder> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed.Enabled) return;

        EmbedderIdentity own;
        try
        {
            own = await embedder.GetIdentityAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An Ollama model that does not answer yet: the default router's width is its embedder's, so it waits.
            LogEmbedderUnavailable(logger, e, ClusterSeed.DefaultRouterId, embedder.Name);
            return;
        }
        var router = grains.GetGrain<IRouterLayerGrain>(ClusterSeed.DefaultRouterId);
        var configuration = await ConfigurationAsync(router, own);
        var snapshot = await router.Configure(configuration);
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

    /// <summary>
    /// The default router's shape for this silo's embedder; for a router that exists, its own configuration (repeating it
    /// lists the router in the directory), with a warning when it was made with another embedder.
    /// </summary>
    private async Task<RouterConfiguration> ConfigurationAsync(IRouterLayerGrain router, EmbedderIdentity own)
    {
        RouterSnapshot existing;
        try
        {
            existing = await router.GetSnapshot();
        }
        catch (InvalidOperationException)
        {
            // Not configured yet: made for this silo's embedder.
            return RouterConfiguration.Default with { InputDimension = own.Dimension, Embedder = own };
        }
        var made = await router.GetEmbedder();
        if (EmbedderCompatibility.Mismatch(ClusterSeed.DefaultRouterId, made, own, silo.Name) is { } mismatch) LogOtherEmbedder(logger, mismatch);
        return existing.Configuration;
    }

    [LoggerMessage(2301, LogLevel.Information, "Seeded router {RouterId} with {Count} simulated experts", EventName = "RouterSeeded")]
    private static partial void LogSeeded(ILogger logger, string routerId, int count);

    [LoggerMessage(2302, LogLevel.Information, "Router {RouterId} already has {Count} experts; nothing to seed", EventName = "RouterAlreadySeeded")]
    private static partial void LogAlreadySeeded(ILogger logger, string routerId, int count);

    [LoggerMessage(2304, LogLevel.Warning, "Router {RouterId} was not seeded: the embedder {Embedder} did not answer; restart the silo once it does", EventName = "SeedEmbedderUnavailable")]
    private static partial void LogEmbedderUnavailable(ILogger logger, Exception error, string routerId, string embedder);

    [LoggerMessage(2303, LogLevel.Warning, "{Mismatch}", EventName = "SeedEmbedderMismatch")]
    private static partial void LogOtherEmbedder(ILogger logger, string mismatch);
}
