using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Api.OpenAi;

/// <summary>
/// This silo's view of the models it serves, read from the router directory, the routers' rosters and the experts, and
/// cached for a few seconds so a request costs no directory round trips. A model not found forces an early refresh
/// (at most once a second), so an expert registered a moment ago is found.
/// </summary>
public sealed partial class OpenAiModelCatalog(
    IGrainFactory grains,
    IOptions<MoecraftApiOptions> options,
    TimeProvider time,
    ILogger<OpenAiModelCatalog> logger)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly DateTimeOffset _created = time.GetUtcNow();
    private ModelCatalogSnapshot? _snapshot;
    private Task<ModelCatalogSnapshot>? _refreshing;

    /// <summary>The catalog, refreshed when it is older than <see cref="RefreshInterval"/>.</summary>
    public Task<ModelCatalogSnapshot> GetAsync(CancellationToken cancellationToken) => GetAsync(RefreshInterval, cancellationToken);

    /// <summary>Resolves a request's model, refreshing once early when the model is not (yet) known.</summary>
    public async Task<ModelRoute> ResolveAsync(string? model, IReadOnlyList<string>? models, CancellationToken cancellationToken)
    {
        var catalog = await GetAsync(cancellationToken);
        try
        {
            return ModelResolver.Resolve(model, models, catalog);
        }
        catch (OpenAiRequestException notFound) when (notFound.Failure.Code == "model_not_found")
        {
            return ModelResolver.Resolve(model, models, await GetAsync(MinimumRefreshInterval, cancellationToken));
        }
    }

    private Task<ModelCatalogSnapshot> GetAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_snapshot is { } fresh && time.GetUtcNow() - fresh.Refreshed < maxAge) return Task.FromResult(fresh);
            // One refresh at a time; callers share it.
            _refreshing ??= RefreshAsync();
            return _refreshing.WaitAsync(cancellationToken);
        }
    }

    private async Task<ModelCatalogSnapshot> RefreshAsync()
    {
        try
        {
            var snapshot = await BuildAsync();
            lock (_lock) _snapshot = snapshot;
            return snapshot;
        }
        catch (Exception error) when (_snapshot is { } stale)
        {
            // A directory that does not answer leaves the last known models in place rather than failing requests.
            LogRefreshFailed(logger, error);
            return stale;
        }
        finally
        {
            lock (_lock) _refreshing = null;
        }
    }

    private async Task<ModelCatalogSnapshot> BuildAsync()
    {
        var defaultRouter = options.Value.DefaultRouter;
        var listed = await grains.GetGrain<IRouterDirectoryGrain>(RouterDirectoryKeys.Cluster).GetRouters();
        ImmutableArray<string> routers = [defaultRouter, .. listed.Where(r => r != defaultRouter)];

        var rosters = await Task.WhenAll(routers.Select(ActiveExpertsAsync));
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < routers.Length; i++)
            foreach (var expert in rosters[i]) owners.TryAdd(expert, routers[i]);

        var experts = await Task.WhenAll(owners.Select(async owner => (owner, snapshot: await ExpertAsync(owner.Key))));
        var catalog = experts
            .Where(e => e.snapshot is { Status: ExpertStatus.Active })
            .ToImmutableDictionary(
                e => e.owner.Key,
                e => new CatalogExpert(e.owner.Key, e.owner.Value, e.snapshot!.Definition.Backend, e.snapshot.Definition.Tier, e.snapshot.Definition.Model),
                StringComparer.Ordinal);
        // A router that was never configured (the default one on a node that seeds nothing) is still listed: auto names it.
        return new ModelCatalogSnapshot(defaultRouter, routers, catalog, time.GetUtcNow());
    }

    /// <summary>The created time models report: when this catalog started.</summary>
    public DateTimeOffset Created => _created;

    private async Task<ImmutableArray<string>> ActiveExpertsAsync(string routerId)
    {
        try
        {
            var snapshot = await grains.GetGrain<IRouterLayerGrain>(routerId).GetSnapshot();
            return [.. snapshot.Slots.Where(s => s.Active).Select(s => s.ExpertId)];
        }
        catch (InvalidOperationException)
        {
            return []; // not configured
        }
    }

    private async Task<ExpertSnapshot?> ExpertAsync(string expertId)
    {
        try
        {
            return await grains.GetGrain<IExpertGrain>(expertId).GetSnapshot();
        }
        catch (InvalidOperationException)
        {
            return null; // on a roster but never registered
        }
    }
}
