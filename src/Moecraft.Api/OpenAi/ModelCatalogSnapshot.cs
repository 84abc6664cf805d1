using System.Collections.Immutable;
using Moecraft.Experts;

namespace Moecraft.Api.OpenAi;

/// <summary>The models a silo serves at one moment: <c>moecraft/auto</c>, the routers and their active experts.</summary>
/// <param name="DefaultRouter">The router <c>moecraft/auto</c> uses; always listed.</param>
/// <param name="Routers">The routers, the default first.</param>
/// <param name="Experts">Active experts by id; an expert on several routers belongs to the first that lists it.</param>
/// <param name="Refreshed">When the catalog was read.</param>
public sealed record ModelCatalogSnapshot(
    string DefaultRouter,
    ImmutableArray<string> Routers,
    ImmutableDictionary<string, CatalogExpert> Experts,
    DateTimeOffset Refreshed)
{
    public bool IsRouter(string id) => Routers.Contains(id, StringComparer.Ordinal);
}

/// <summary>An active expert as the model list shows it.</summary>
public sealed record CatalogExpert(string Id, string RouterId, BackendKind Backend, ExpertTier Tier, string Model);
