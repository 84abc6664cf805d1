using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Moecraft.Api.Authentication;

/// <summary>
/// Registers how requests authenticate and the tenant and admin policies. <see cref="Scheme"/> is a policy scheme: a
/// bearer token with two dots goes to <see cref="JwtScheme"/> when JWTs are configured (<see cref="MoecraftJwtOptions"/>),
/// everything else to <see cref="KeyScheme"/> (API keys and open local access). Challenges and refusals are always
/// answered by the key scheme, so every surface gets the same error bodies.
/// </summary>
public static class MoecraftAuthentication
{
    /// <summary>The scheme endpoints and policies use.</summary>
    public const string Scheme = "Moecraft";

    /// <summary>API keys and open local access (<see cref="MoecraftAuthenticationHandler"/>).</summary>
    public const string KeyScheme = "MoecraftKey";

    /// <summary>JWT bearer tokens from an identity provider.</summary>
    public const string JwtScheme = "MoecraftJwt";

    public static IServiceCollection AddMoecraftAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<LocalTenant>();
        services.AddSingleton<KeyUsage>();
        services.AddOptions<MoecraftJwtOptions>()
            .BindConfiguration(MoecraftJwtOptions.SectionName)
            .Validate(o => o.Problem() is null, "Moecraft:Api:Jwt is incomplete or its signing key is unusable (Issuer, Audience and SigningKey of at least 32 bytes).")
            .ValidateOnStart();
        services.AddOptions<JwtBearerOptions>(JwtScheme).Configure<IOptions<MoecraftJwtOptions>>((bearer, jwt) => JwtTokens.Configure(bearer, jwt.Value));

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key, JWT or open local access", policy =>
            {
                policy.ForwardDefaultSelector = SelectScheme;
                policy.ForwardChallenge = KeyScheme;
                policy.ForwardForbid = KeyScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, MoecraftAuthenticationHandler>(KeyScheme, null)
            .AddJwtBearer(JwtScheme, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(MoecraftClaims.TenantPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireClaim(MoecraftClaims.Tenant))
            .AddPolicy(MoecraftClaims.AdminPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireRole(MoecraftClaims.AdminRole));
        return services;
    }

    private static string SelectScheme(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count != 1 || !MoecraftAuthenticationHandler.TryReadBearer(header[0], out var token)) return KeyScheme;
        var jwt = context.RequestServices.GetRequiredService<IOptions<MoecraftJwtOptions>>().Value;
        return jwt.IsConfigured && JwtTokens.LooksLikeJwt(token) ? JwtScheme : KeyScheme;
    }
}
