using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Moecraft.Lifecycle;
using Moecraft.Routing;

namespace Moecraft.Api.Management;

/// <summary>Router layers: roster and epoch, health (SPEC 3), recorded lifecycle decisions and applying one, the embedder and migrating it. Operators only.</summary>
public static class RouterEndpoints
{
    public static RouteGroupBuilder MapRouterEndpoints(this RouteGroupBuilder moecraft)
    {
        moecraft.MapGet("/routers", ListAsync)
            .WithTags("Routers")
            .RequireAdmin()
            .WithName("ListRouters")
            .WithSummary("The ids of every configured router layer, sorted");
        var routers = moecraft.MapGroup("/routers/{routerId}").WithTags("Routers").RequireAdmin().ProducesProblem(StatusCodes.Status404NotFound);
        routers.MapGet("/", GetAsync)
            .WithName("GetRouter")
            .WithSummary("A router's roster, epoch and routed units");
        routers.MapGet("/health", GetHealthAsync)
            .WithName("GetRouterHealth")
            .WithSummary("A router layer's coherence, clocks, load, free energy and kernel reach")
            .WithDescription("phi and phi_loo on the fast, mid and slow clocks per expert, Neff, MaxVio, saturation, Psi, the free energy and whether the router reaches its keepers (SPEC 3, 5.2). A value not defined yet (too few steps) is null.")
            .Produces<LayerHealthReport>();
        routers.MapGet("/health/history", GetHealthHistoryAsync)
            .WithName("GetRouterHealthHistory")
            .WithSummary("A router layer's health over time and its epoch boundaries")
            .WithDescription("Snapshots oldest first, one per period (Moecraft:Routers:HealthHistoryPeriod, a minute by default) while the router observes steps, the oldest dropped beyond Moecraft:Routers:HealthHistoryKept: phi, phi_loo and load share per expert on the three clocks, bias, degrading, Neff, MaxVio, Psi and the free energy. Epochs: where each recent epoch began (step, time, reason). A value not defined yet is null.")
            .Produces<RouterHealthHistory>();
        routers.MapGet("/lifecycle", GetDecisionsAsync)
            .WithName("GetLifecycleDecisions")
            .WithSummary("The router's recorded lifecycle decisions, oldest first")
            .WithDescription("Prune, merge, split and spawn candidates with the free energy before, the chosen edit and its status (proposed, applied, ...).")
            .Produces<IReadOnlyList<LifecycleDecisionRecord>>();
        routers.MapPost("/lifecycle/{decisionId:long}/apply", ApplyAsync)
            .WithName("ApplyLifecycleDecision")
            .WithSummary("Executes a proposed lifecycle edit; the router starts a new epoch")
            .WithDescription("Audited and journaled as the caller's key name with @http; a decision that is not proposed is a 409 and changes (and audits) nothing.")
            .Produces<LifecycleDecisionRecord>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        routers.MapGet("/embedder", GetEmbedderAsync)
            .WithName("GetRouterEmbedder")
            .WithSummary("The embedder the router's state was made with, beside this node's")
            .WithDescription("A node whose embedder differs refuses the router's requests (409 embedder_mismatch) until the router is migrated; mismatch says how.")
            .Produces<EmbedderStatus>();
        routers.MapPost("/embedder/migrate", MigrateEmbedderAsync)
            .WithName("MigrateRouterEmbedder")
            .WithSummary("Moves the router to this node's embedder: an audited epoch boundary")
            .WithDescription("Gate weights, the success predictor, centroids, scars, reflexes and cache entries start afresh; counters are kept. On the node's embedder already: nothing changes (migrated false).")
            .Produces<EmbedderMigrationReport>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return moecraft;
    }

    private static async Task<Ok<EmbedderStatus>> GetEmbedderAsync(string routerId, IGrainFactory grains)
    {
        await Lookups.RouterAsync(grains, routerId);
        // The chat router is a stateless worker: it runs on this silo, so it speaks for this node's embedder.
        return TypedResults.Ok(await grains.GetGrain<IChatRouterGrain>(routerId).GetEmbedderStatus());
    }

    private static async Task<Ok<EmbedderMigrationReport>> MigrateEmbedderAsync(string routerId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await Lookups.RouterAsync(grains, routerId);
        return TypedResults.Ok(await grains.GetGrain<IChatRouterGrain>(routerId).MigrateEmbedder(TenantScope.Actor(user)));
    }

    private static async Task<Ok<IReadOnlyList<string>>> ListAsync(IGrainFactory grains)
    {
        var routers = await grains.GetGrain<IRouterDirectoryGrain>(RouterDirectoryKeys.Cluster).GetRouters();
        return TypedResults.Ok<IReadOnlyList<string>>(routers.IsDefault ? [] : routers);
    }

    private static async Task<Ok<RouterView>> GetAsync(string routerId, IGrainFactory grains) =>
        TypedResults.Ok(RouterView.From(await Lookups.RouterAsync(grains, routerId)));

    private static async Task<JsonHttpResult<LayerHealthReport>> GetHealthAsync(string routerId, IGrainFactory grains, FiniteJson json)
    {
        await Lookups.RouterAsync(grains, routerId);
        return json.Ok(await grains.GetGrain<IRouterLayerGrain>(routerId).GetHealth());
    }

    private static async Task<JsonHttpResult<RouterHealthHistory>> GetHealthHistoryAsync(string routerId, IGrainFactory grains, FiniteJson json)
    {
        await Lookups.RouterAsync(grains, routerId);
        return json.Ok(await grains.GetGrain<IRouterLayerGrain>(routerId).GetHealthHistory());
    }

    private static async Task<JsonHttpResult<IReadOnlyList<LifecycleDecisionRecord>>> GetDecisionsAsync(string routerId, IGrainFactory grains, FiniteJson json)
    {
        await Lookups.RouterAsync(grains, routerId);
        var decisions = await grains.GetGrain<IRouterLayerGrain>(routerId).GetProposals();
        return json.Ok<IReadOnlyList<LifecycleDecisionRecord>>(decisions.IsDefault ? [] : decisions);
    }

    private static async Task<JsonHttpResult<LifecycleDecisionRecord>> ApplyAsync(
        string routerId, long decisionId, ClaimsPrincipal user, IGrainFactory grains, FiniteJson json)
    {
        await Lookups.RouterAsync(grains, routerId);
        var decisions = await grains.GetGrain<IRouterLayerGrain>(routerId).GetProposals();
        if (decisions.IsDefault || !decisions.Any(d => d.Id == decisionId))
            throw ManagementProblem.NotFound($"Router '{routerId}' has no lifecycle decision {decisionId}.");
        return json.Ok(await grains.GetGrain<IRouterLayerGrain>(routerId).ApplyProposal(decisionId, TenantScope.Actor(user)));
    }
}

/// <summary>A router layer from outside: its epoch, how much it routed, and its roster.</summary>
public sealed record RouterView(
    string Id, int Epoch, long RoutedUnits, int Width, int InputDimension, int TopK, int ActiveExperts, IReadOnlyList<RosterSlot> Slots)
{
    public static RouterView From(RouterSnapshot snapshot) => new(
        snapshot.RouterId, snapshot.Epoch, snapshot.RoutedUnits, snapshot.Configuration.Width, snapshot.Configuration.InputDimension,
        snapshot.Configuration.TopK, snapshot.ActiveCount,
        snapshot.Slots.IsDefault ? [] : snapshot.Slots);
}
