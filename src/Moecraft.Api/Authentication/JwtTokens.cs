using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Moecraft.Tenants;

namespace Moecraft.Api.Authentication;

/// <summary>
/// How JWT bearer tokens become Moecraft principals: signature (HMAC with the configured key), issuer, audience and
/// lifetime are checked by ASP.NET Core's JwtBearer handler; the tenant comes from the configured claim and the admin
/// role from a <c>role</c>/<c>roles</c> claim with the configured value. A token without a valid tenant is refused.
/// JWT callers have no per-key rate limits (there is no key); their identity provider issues and expires them.
/// </summary>
public static class JwtTokens
{
    private static readonly string[] RoleClaims = ["role", "roles", ClaimTypes.Role];

    /// <summary>True for a compact JWS: three parts separated by two dots. API keys never contain dots.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    public static void Configure(JwtBearerOptions bearer, MoecraftJwtOptions jwt)
    {
        ArgumentNullException.ThrowIfNull(bearer);
        ArgumentNullException.ThrowIfNull(jwt);
        bearer.MapInboundClaims = false;
        bearer.RequireHttpsMetadata = false;
        if (!jwt.IsConfigured) return;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(jwt.SigningKeyBytes()),
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512],
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var principal = ToMoecraft(context.Principal, jwt, context.Scheme.Name, out var problem);
                if (principal is null)
                {
                    AuthenticationFailure.Set(context.HttpContext, ApiFailure.Unauthorized(problem!));
                    context.Fail(problem!);
                }
                else
                {
                    context.Principal = principal;
                }
                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                AuthenticationFailure.Set(context.HttpContext, ApiFailure.Unauthorized(
                    context.Exception is SecurityTokenExpiredException ? "The bearer token has expired." : "The bearer token is not valid (signature, issuer, audience or lifetime)."));
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The Moecraft principal for a validated token's claims, or null with the reason.</summary>
    public static ClaimsPrincipal? ToMoecraft(ClaimsPrincipal? token, MoecraftJwtOptions jwt, string authenticationType, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        var tenant = token?.FindFirst(jwt.TenantClaim)?.Value;
        if (string.IsNullOrWhiteSpace(tenant))
        {
            problem = $"The bearer token names no tenant (claim '{jwt.TenantClaim}').";
            return null;
        }
        try
        {
            TenantIds.Validate(tenant, jwt.TenantClaim);
        }
        catch (ArgumentException)
        {
            problem = $"The bearer token's claim '{jwt.TenantClaim}' is not a valid tenant id.";
            return null;
        }
        var admin = token!.Claims.Any(c => RoleClaims.Contains(c.Type, StringComparer.Ordinal) && string.Equals(c.Value, jwt.AdminRole, StringComparison.Ordinal));
        var name = token.FindFirst("sub")?.Value ?? tenant;
        problem = null;
        return MoecraftClaims.Principal(authenticationType, MoecraftClaims.JwtMethod, tenant, admin, name);
    }
}
