using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Moecraft.Api.Authentication;

/// <summary>Registers how requests authenticate (API keys, open local access) and the tenant and admin policies.</summary>
public static class MoecraftAuthentication
{
    public const string Scheme = "Moecraft";

    public static IServiceCollection AddMoecraftAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<LocalTenant>();
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, MoecraftAuthenticationHandler>(Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(MoecraftClaims.TenantPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireClaim(MoecraftClaims.Tenant))
            .AddPolicy(MoecraftClaims.AdminPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireRole(MoecraftClaims.AdminRole));
        return services;
    }
}
