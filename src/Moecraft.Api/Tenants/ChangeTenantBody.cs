namespace Moecraft.Api.Tenants;

/// <summary><c>PUT</c>/<c>PATCH /moecraft/tenants/{id}</c>: the settings to change; members left out keep their value.</summary>
public sealed record ChangeTenantBody(decimal? Budget = null, string? Period = null, double? QualityTarget = null, string? RoutingPolicy = null);
