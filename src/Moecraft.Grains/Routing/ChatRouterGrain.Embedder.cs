using Moecraft.Audit;
using Moecraft.Requests;

namespace Moecraft.Routing;

/// <summary>The chat router's side of embedders (SPEC 4.2): this node refuses a router made with another embedder, and migrates it on request.</summary>
public sealed partial class ChatRouterGrain
{
    private EmbedderGuard? _guard;

    private EmbedderGuard Guard => _guard ??= new EmbedderGuard(RouterId, GrainFactory.Reference<IRouterLayerGrain>(RouterId), embedder, silo.Name, time);

    public async Task<EmbedderStatus> GetEmbedderStatus()
    {
        RouterIds.Validate(RouterId, "key");
        return await Guard.StatusAsync();
    }

    public async Task<EmbedderMigrationReport> MigrateEmbedder(string actor)
    {
        RouterIds.Validate(RouterId, "key");
        OperatorActions.ValidateActor(actor);
        return await Guard.MigrateAsync(actor);
    }

    /// <summary>
    /// Before a request's path starts: refuses it when the router was made with another embedder than this node's, and
    /// names this node's embedder for the grains the request calls (the surrogate cache's partition). Bad input is still
    /// refused as bad input first.
    /// </summary>
    private async Task<EmbedderIdentity> EnterAsync(AskRequest? request)
    {
        RouterIds.Validate(RouterId, "key");
        if (request is not null) AskRequestValidator.Validate(request);
        var embedder = await Guard.RequireCompatibleAsync();
        EmbedderContext.Set(embedder);
        return embedder;
    }
}
