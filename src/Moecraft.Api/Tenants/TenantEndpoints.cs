using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Moecraft.Api.Authentication;
using Moecraft.Tenants;

namespace Moecraft.Api.Tenants;

/// <summary>
/// Operators' endpoints for tenants and their API keys (admin policy), and <c>GET /moecraft/whoami</c> (any tenant):
/// <list type="bullet">
/// <item><c>GET /moecraft/tenants</c>, <c>GET /moecraft/tenants/{id}</c>, <c>POST /moecraft/tenants</c>, <c>PUT|PATCH /moecraft/tenants/{id}</c>;</item>
/// <item><c>GET /moecraft/keys?tenant=t</c>, <c>POST /moecraft/keys</c> (the only answer that contains the key), <c>DELETE /moecraft/keys/{id}?tenant=t</c>.</item>
/// </list>
/// Failures are RFC 7807 problem details with the status <see cref="ApiFailure"/> gives them; a refused change changes nothing.
/// </summary>
public static class TenantEndpoints
{
    public static IEndpointRouteBuilder MapTenantEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var tenants = endpoints.MapGroup("/moecraft/tenants").RequireAuthorization(MoecraftClaims.AdminPolicy).WithTags("tenants");
        tenants.MapGet("/", (IGrainFactory grains) => Run(() => ListTenantsAsync(grains)));
        tenants.MapGet("/{id}", (string id, IGrainFactory grains) => Run(async () => Results.Ok(await ViewAsync(grains, TenantIds.Validate(id, "id")))));
        tenants.MapPost("/", (CreateTenantBody? body, IGrainFactory grains) => Run(async () =>
        {
            var (id, settings) = TenantRequests.ToCreate(body);
            var created = await grains.GetGrain<ITenantGrain>(id).Create(settings);
            return Results.Created($"/moecraft/tenants/{Uri.EscapeDataString(id)}", TenantView.From(id, created, null));
        }));
        tenants.MapMethods("/{id}", [HttpMethods.Put, HttpMethods.Patch], (string id, ChangeTenantBody? body, IGrainFactory grains) => Run(async () =>
        {
            TenantIds.Validate(id, "id");
            var changed = await grains.GetGrain<ITenantGrain>(id).Change(TenantRequests.ToChanges(body));
            return Results.Ok(TenantView.From(id, changed, null));
        }));

        var keys = endpoints.MapGroup("/moecraft/keys").RequireAuthorization(MoecraftClaims.AdminPolicy).WithTags("keys");
        keys.MapGet("/", (string? tenant, IGrainFactory grains) => Run(async () =>
        {
            var settings = await grains.GetGrain<ITenantGrain>(TenantIds.Validate(tenant, "tenant")).GetSettings();
            return Results.Ok(settings.ApiKeys.Select(ApiKeyView.From).ToList());
        }));
        keys.MapPost("/", (CreateKeyBody? body, IGrainFactory grains) => Run(async () =>
        {
            var (tenant, request) = TenantRequests.ToKey(body);
            var issued = await grains.GetGrain<ITenantGrain>(tenant).IssueKey(request);
            return Results.Created($"/moecraft/keys/{issued.Settings.Id}?tenant={Uri.EscapeDataString(tenant)}",
                new IssuedKeyView(tenant, issued.Key, ApiKeyView.From(issued.Settings)));
        }));
        keys.MapDelete("/{id}", (string id, string? tenant, IGrainFactory grains) => Run(async () =>
        {
            var owner = TenantIds.Validate(tenant, "tenant");
            var revoked = await grains.GetGrain<ITenantGrain>(owner).RevokeKey(id);
            return revoked is null
                ? Problem(ApiFailure.NotFound($"Tenant '{owner}' has no API key with id '{id}'.", "key_not_found"))
                : Results.Ok(ApiKeyView.From(revoked));
        }));

        endpoints.MapGet("/moecraft/whoami", (HttpContext context) =>
        {
            var user = context.User;
            var key = AuthenticatedKey.Of(context);
            return Results.Ok(new WhoAmIView(
                MoecraftClaims.RequireTenant(user),
                user.IsInRole(MoecraftClaims.AdminRole),
                user.FindFirst(MoecraftClaims.Method)?.Value ?? "unknown",
                key?.KeyId,
                key?.KeyName,
                key?.Requests,
                key?.Tokens));
        }).RequireAuthorization(MoecraftClaims.TenantPolicy).WithTags("tenants");
        return endpoints;
    }

    private static async Task<IResult> ListTenantsAsync(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Cluster).List();
        var views = await Task.WhenAll(ids.Select(id => ViewAsync(grains, id)));
        return Results.Ok(views);
    }

    private static async Task<TenantView> ViewAsync(IGrainFactory grains, string id)
    {
        var tenant = grains.GetGrain<ITenantGrain>(id);
        var settings = await tenant.GetSettings();
        return TenantView.From(id, settings, await tenant.GetUsage());
    }

    private static async Task<IResult> Run(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Problem(ApiFailure.From(ex) is { Code: "tenant_not_configured" } unknown
                ? ApiFailure.NotFound(unknown.Message, "tenant_not_found")
                : ApiFailure.From(ex));
        }
    }

    private static IResult Problem(ApiFailure failure) =>
        Results.Json(ApiErrorResponses.Problem(failure), JsonSerializerOptions.Web, "application/problem+json", failure.Status);
}
