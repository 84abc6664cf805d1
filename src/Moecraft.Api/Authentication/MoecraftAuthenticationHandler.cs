using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moecraft.Tenants;

namespace Moecraft.Api.Authentication;

/// <summary>
/// Authenticates a request by its API key (<c>Authorization: Bearer &lt;key&gt;</c>): the key's hash finds its tenant in the
/// <see cref="IApiKeyIndexGrain"/>, and the tenant grain has the final word (<see cref="ITenantGrain.AuthorizeKeyWithLimits"/>):
/// whether the key is still the tenant's, whether it is an admin key, and whether its limits admit the request. Nothing
/// is cached, so a revoked key fails from the next request on. A request without a credential is the built-in local
/// tenant (with admin rights) only under open local access (<see cref="OpenLocalAccessRule"/>). A presented credential
/// that is not valid is refused in every mode. Challenges and refusals are written as the surface expects
/// (<see cref="ApiErrorResponses"/>): 401, 403, 429 with <c>Retry-After</c>, 503 when the cluster cannot answer.
/// </summary>
public sealed partial class MoecraftAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<MoecraftApiOptions> api,
    IServer server,
    LocalTenant localTenant,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0) return await OpenLocalAccessAsync();
        if (header.Count > 1 || !TryReadBearer(header[0], out var token))
            return Refuse(ApiFailure.Unauthorized("Send the API key as 'Authorization: Bearer <key>'."));
        if (!IsWellFormed(token)) return Refuse(ApiFailure.Unauthorized(AuthenticationFailure.Invalid));

        var hash = ApiKeys.Hash(token);
        KeyAuthorization? authorization;
        try
        {
            var tenant = await grains.Reference<IApiKeyIndexGrain>(hash).GetTenant();
            // The index may lag a revocation; the tenant grain has the final word.
            authorization = tenant is null ? null : await grains.Reference<ITenantGrain>(tenant).AuthorizeKeyWithLimits(hash);
        }
        catch (TenantNotConfiguredException)
        {
            authorization = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLookupFailed(Logger, ApiKeys.IdOf(hash), ex);
            return Refuse(new ApiFailure(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "authentication_unavailable",
                "The cluster could not check the credential just now; try again."));
        }

        if (authorization is null)
        {
            LogUnknownKey(Logger, ApiKeys.IdOf(hash));
            return Refuse(ApiFailure.Unauthorized(AuthenticationFailure.Invalid));
        }

        AuthenticatedKey.Set(Context, authorization);
        var response = Response;
        response.OnStarting(() =>
        {
            RateLimitHeaders.Apply(response.Headers, authorization);
            return Task.CompletedTask;
        });
        if (!authorization.Admitted) return Refuse(RateLimited(authorization));

        return AuthenticateResult.Success(new AuthenticationTicket(
            MoecraftClaims.Principal(Scheme.Name, MoecraftClaims.ApiKeyMethod, authorization.TenantId, authorization.Admin,
                authorization.KeyName ?? authorization.KeyId, hash, authorization.KeyId),
            Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = AuthenticationFailure.Of(Context);
        if (failure.Status == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = "Bearer";
        return ApiErrorResponses.WriteAsync(Context, failure);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrorResponses.WriteAsync(Context, ApiFailure.Forbidden("The credential is valid but does not allow this; it needs an operator's (admin) credential or another tenant's."));

    /// <summary>True for an address such as http://127.0.0.1:5080 or http://localhost:5080, false for http://+:8080 or a LAN address.</summary>
    public static bool ListensOnLoopbackOnly(string address) => OpenLocalAccessRule.ListensOnLoopbackOnly(address);

    /// <summary>The token of an <c>Authorization: Bearer &lt;token&gt;</c> header (scheme case-insensitive).</summary>
    public static bool TryReadBearer(string? header, out string token)
    {
        token = "";
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return false;
        token = header[BearerPrefix.Length..].Trim();
        return token.Length > 0;
    }

    /// <summary>The failure a refused request answers with: 429, the limit that refused, and when to retry.</summary>
    public static ApiFailure RateLimited(KeyAuthorization authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var byTokens = authorization.Tokens is { Remaining: 0 } && authorization.Requests.Remaining > 0;
        var (limit, unit) = byTokens ? (authorization.Tokens!.Limit, "tokens") : (authorization.Requests.Limit, "requests");
        return new ApiFailure(StatusCodes.Status429TooManyRequests, "requests", "rate_limit_exceeded",
            $"Rate limit reached for API key {authorization.KeyId} of tenant '{authorization.TenantId}' on {unit} per minute: limit {limit}. "
            + $"Retry after {RateLimitHeaders.RetryAfterSeconds(authorization.RetryAfter)} s.",
            authorization.RetryAfter);
    }

    private static bool IsWellFormed(string token)
    {
        try
        {
            ApiKeys.Validate(token);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task<AuthenticateResult> OpenLocalAccessAsync()
    {
        var forwarded = OpenLocalAccessRule.ForwardingHeaders.Any(h => Request.Headers.ContainsKey(h));
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (!OpenLocalAccessRule.Applies(api.Value.OpenLocalAccess, Context.Connection.RemoteIpAddress, addresses, forwarded))
            return AuthenticateResult.NoResult();

        string tenant;
        try
        {
            tenant = await localTenant.EnsureAsync(Context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLocalTenantFailed(Logger, ex);
            return Refuse(new ApiFailure(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "authentication_unavailable",
                "The cluster could not set up the local tenant just now; try again."));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(
            MoecraftClaims.Principal(Scheme.Name, MoecraftClaims.LocalMethod, tenant, admin: true, name: MoecraftClaims.LocalMethod),
            Scheme.Name));
    }

    private AuthenticateResult Refuse(ApiFailure failure)
    {
        AuthenticationFailure.Set(Context, failure);
        return AuthenticateResult.Fail(failure.Message);
    }
}
