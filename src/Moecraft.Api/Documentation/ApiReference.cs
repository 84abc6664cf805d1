using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

namespace Moecraft.Api.Documentation;

/// <summary>
/// The browsable API reference (Scalar) at <c>/reference</c>, reading the OpenAPI document at <c>/openapi/v1.json</c>. Its
/// script is the copy embedded in Scalar.AspNetCore, served by the silo itself, so the page works without internet access.
/// </summary>
public static class ApiReference
{
    public const string Path = "/reference";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapScalarApiReference(Path, options => options
            .WithTitle("Moecraft API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
