using Microsoft.AspNetCore.Routing;

namespace Moecraft.Api.Management;

/// <summary>Moecraft's own endpoints under <c>/moecraft</c>: feedback, cost, routing, experts, routers, kernel, governance, federation.</summary>
public static class ManagementEndpoints
{
    public static IEndpointRouteBuilder MapManagementEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
