using Microsoft.AspNetCore.Routing;

namespace Moecraft.Api.OpenAi;

/// <summary>The OpenAI-compatible surface under <c>/v1</c>.</summary>
public static class OpenAiEndpoints
{
    public static IEndpointRouteBuilder MapOpenAiEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
