using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Moecraft.Api.Documentation;

/// <summary>Which endpoints the OpenAPI document describes: the API's (<c>/v1</c>, <c>/moecraft</c>), not the silo's dashboard or health.</summary>
public static class ApiDescriptions
{
    public static bool IsPublicApi(ApiDescription description) =>
        description.RelativePath is { } path
        && (path.StartsWith("v1/", StringComparison.OrdinalIgnoreCase) || path.Equals("v1", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("moecraft/", StringComparison.OrdinalIgnoreCase));
}
