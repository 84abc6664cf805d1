using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Moecraft.Api.OpenAi;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: <c>moecraft/auto</c>, each router, each active expert.</summary>
public sealed class ModelsEndpoint(OpenAiModelCatalog catalog, ILogger logger)
{
    public async Task<IResult> ListAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            var snapshot = await catalog.GetAsync(http.RequestAborted);
            return Results.Json(new ModelListDto { Data = Models(snapshot, catalog.Created.ToUnixTimeSeconds()) }, OpenAiJsonContext.Default.ModelListDto);
        }
        catch (Exception error) when (!http.Response.HasStarted)
        {
            return OpenAiEndpoints.Failure(http, logger, error);
        }
    }

    public async Task<IResult> GetAsync(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            // Resolving first refreshes early for a model registered a moment ago.
            await catalog.ResolveAsync(id, null, http.RequestAborted);
            var snapshot = await catalog.GetAsync(http.RequestAborted);
            var model = Models(snapshot, catalog.Created.ToUnixTimeSeconds()).FirstOrDefault(m => m.Id == id) ?? throw ModelResolver.NotFound(id);
            return Results.Json(model, OpenAiJsonContext.Default.ModelDto);
        }
        catch (Exception error) when (!http.Response.HasStarted)
        {
            return OpenAiEndpoints.Failure(http, logger, error);
        }
    }

    /// <summary>The model list: auto first, then routers, then experts (by router, then id).</summary>
    public static IReadOnlyList<ModelDto> Models(ModelCatalogSnapshot catalog, long created)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        List<ModelDto> models = [new ModelDto { Id = MoecraftApiOptions.AutoModel, Created = created, Kind = "auto", Router = catalog.DefaultRouter }];
        models.AddRange(catalog.Routers.Select(r => new ModelDto { Id = r, Created = created, Kind = "router", Router = r }));
        models.AddRange(catalog.Experts.Values
            .Where(e => !catalog.IsRouter(e.Id) && e.Id != MoecraftApiOptions.AutoModel)
            .OrderBy(e => catalog.Routers.IndexOf(e.RouterId)).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new ModelDto
            {
                Id = e.Id,
                Created = created,
                Kind = "expert",
                Router = e.RouterId,
                Backend = BackendName(e.Backend),
                Tier = e.Tier.ToString().ToLowerInvariant(),
                BackendModel = e.Model,
            }));
        return models;
    }

    private static string BackendName(Moecraft.Experts.BackendKind backend) => backend switch
    {
        Moecraft.Experts.BackendKind.OpenAiCompatible => "openai-compatible",
        var other => other.ToString().ToLowerInvariant(),
    };
}
