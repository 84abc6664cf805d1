using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moecraft.Api.Authentication;

namespace Moecraft.Api.OpenAi;

/// <summary>
/// Requires <see cref="MoecraftClaims.TenantPolicy"/> on <c>/v1</c> as the authorization middleware would, but answers a
/// refusal in OpenAI's error shape (SDKs read <c>error.message</c>), before the body is read: 401 without a valid
/// credential, 403 with one that names no tenant, and what authentication decided for a key over its limits (429).
/// </summary>
public sealed class OpenAiAuthorizationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var policy = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(MoecraftClaims.TenantPolicy)
            ?? throw new InvalidOperationException($"The authorization policy '{MoecraftClaims.TenantPolicy}' is not registered.");
        var evaluator = services.GetRequiredService<IPolicyEvaluator>();
        var authenticated = await evaluator.AuthenticateAsync(policy, http);
        var authorized = await evaluator.AuthorizeAsync(policy, authenticated, http, resource: http);
        if (authorized.Succeeded) return await next(context);

        if (authorized.Challenged)
        {
            // A key over its limits (429) or a cluster that could not check it (503): authentication decided the answer.
            if (AuthenticationFailure.Of(http) is { Status: not StatusCodes.Status401Unauthorized } refused)
            {
                await ApiErrorResponses.WriteAsync(http, refused);
                return Results.Empty;
            }
            // The scheme's own verdict (cached for the request) says why: a refused credential, or none at all.
            var verdict = await http.AuthenticateAsync(MoecraftAuthentication.Scheme);
            var message = verdict.Failure is { } failure
                ? $"Incorrect API key provided: {failure.Message}"
                : "You didn't provide an API key. Provide it in the Authorization header (Authorization: Bearer YOUR_KEY).";
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return OpenAiErrors.Result(ApiFailure.Unauthorized(message));
        }
        return OpenAiErrors.Result(ApiFailure.Forbidden("This credential does not name a tenant, which /v1 requires."));
    }
}
