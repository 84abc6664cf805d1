using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Moecraft.Api.Documentation;

/// <summary>
/// Describes the API as a whole in the OpenAPI document: title and description, and the bearer scheme (an API key as
/// <c>Authorization: Bearer sk-...</c>) every endpoint accepts; open local access needs none.
/// </summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "Moecraft";
        document.Info.Description =
            "The HTTP API every Moecraft silo serves: the OpenAI-compatible surface under /v1 and Moecraft's own management " +
            "endpoints under /moecraft (errors are RFC 7807 problem details). Authenticate with an API key as a bearer token; " +
            "a loopback request to a silo that listens on loopback only needs none (the built-in local tenant, with admin rights). " +
            "Browse this document at /reference.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "API key",
            Description = "A Moecraft API key: Authorization: Bearer <key>.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
