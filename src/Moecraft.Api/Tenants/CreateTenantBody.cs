namespace Moecraft.Api.Tenants;

/// <summary>
/// <c>POST /moecraft/tenants</c>: a new tenant. Only <see cref="Id"/> and <see cref="Budget"/> are required; the period
/// defaults to monthly, the quality target to 0.7, the routing policy to <c>cheapest</c>.
/// </summary>
public sealed record CreateTenantBody(string? Id, decimal? Budget, string? Period = null, double? QualityTarget = null, string? RoutingPolicy = null);
