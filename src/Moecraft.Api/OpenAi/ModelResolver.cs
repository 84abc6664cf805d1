using System.Collections.Immutable;
using Moecraft.Routing;

namespace Moecraft.Api.OpenAi;

/// <summary>
/// Turns a request's <c>model</c> (and OpenRouter-style <c>models</c>) into a router and policy: <c>moecraft/auto</c> is
/// the default router under the tenant's policy, a router id that router, an expert id the fixed policy on the router
/// that holds it, and a list of experts the first fixed with the rest as ordered fallbacks.
/// </summary>
public static class ModelResolver
{
    /// <exception cref="OpenAiRequestException">No model (400), an unknown model (404), or a fallback list that mixes routers or spans routers (400).</exception>
    public static ModelRoute Resolve(string? model, IReadOnlyList<string>? models, ModelCatalogSnapshot catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var names = Candidates(model, models);
        if (names.Length == 1) return Single(names[0], catalog);

        var experts = names.Select(name => catalog.Experts.TryGetValue(name, out var expert)
            ? expert
            : catalog.IsRouter(name) || name == MoecraftApiOptions.AutoModel
                ? throw OpenAiRequestException.BadRequest($"'{name}' is a router; a 'models' fallback list names experts only.", "models")
                : throw NotFound(name)).ToArray();
        var router = experts[0].RouterId;
        if (experts.FirstOrDefault(e => e.RouterId != router) is { } other)
            throw OpenAiRequestException.BadRequest(
                $"The models in a fallback list must be experts of one router: '{experts[0].Id}' is on '{router}', '{other.Id}' on '{other.RouterId}'.", "models");
        return new ModelRoute(router, new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: experts[0].Id, Fallbacks: [.. names.Skip(1)]), names[0]);
    }

    /// <summary>Resolves a single model to its router, ignoring policy (what embeddings need).</summary>
    public static string RouterOf(string? model, ModelCatalogSnapshot catalog) => Resolve(model, null, catalog).RouterId;

    public static OpenAiRequestException NotFound(string model) =>
        new(ApiFailure.NotFound($"The model '{model}' does not exist or you do not have access to it."), "model");

    private static ImmutableArray<string> Candidates(string? model, IReadOnlyList<string>? models)
    {
        if (models is { Count: > 0 })
        {
            if (models.Any(string.IsNullOrWhiteSpace)) throw OpenAiRequestException.BadRequest("Every entry of 'models' must be a model id.", "models");
            // As OpenRouter: a model outside the list is tried first; duplicates are tried once.
            IEnumerable<string> ordered = model is null || models.Contains(model) ? models : [model, .. models];
            return [.. ordered.Distinct(StringComparer.Ordinal)];
        }
        if (string.IsNullOrWhiteSpace(model))
            throw OpenAiRequestException.BadRequest($"You must provide a model parameter (for example '{MoecraftApiOptions.AutoModel}').", "model", "missing_required_parameter");
        return [model];
    }

    private static ModelRoute Single(string name, ModelCatalogSnapshot catalog)
    {
        if (name == MoecraftApiOptions.AutoModel) return new ModelRoute(catalog.DefaultRouter, null, name);
        if (catalog.IsRouter(name)) return new ModelRoute(name, null, name);
        if (catalog.Experts.TryGetValue(name, out var expert))
            return new ModelRoute(expert.RouterId, new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: expert.Id), name);
        throw NotFound(name);
    }
}
