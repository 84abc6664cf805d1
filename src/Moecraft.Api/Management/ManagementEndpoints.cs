using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Moecraft.Api.Authentication;

namespace Moecraft.Api.Management;

/// <summary>
/// Moecraft's own endpoints under <c>/moecraft</c>: everything the CLI does, as JSON. Every endpoint needs a tenant;
/// writes and reads of cluster-wide state need the admin role, reads of one tenant's data only that tenant (or an admin).
/// Failures are RFC 7807 problem details (<see cref="ProblemDetailsFilter"/>).
/// </summary>
public static class ManagementEndpoints
{
    public const string Prefix = "/moecraft";

    public static IEndpointRouteBuilder MapManagementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var moecraft = endpoints.MapGroup(Prefix)
            .RequireAuthorization(MoecraftClaims.TenantPolicy)
            .AddEndpointFilter<ProblemDetailsFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status500InternalServerError);

        moecraft.MapFeedbackEndpoints();
        moecraft.MapCostEndpoints();
        moecraft.MapPerformanceEndpoints();
        moecraft.MapExpertEndpoints();
        moecraft.MapRouterEndpoints();
        moecraft.MapKeeperEndpoints();
        moecraft.MapGovernanceEndpoints();
        moecraft.MapJournalEndpoints();
        moecraft.MapAuditEndpoints();
        moecraft.MapFederationEndpoints();
        moecraft.MapCostStreamEndpoints();
        return endpoints;
    }

    /// <summary>Restricts an endpoint to operators.</summary>
    internal static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(MoecraftClaims.AdminPolicy);
}
