using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moecraft.Api.Authentication;
using Moecraft.Api.Management;
using Moecraft.Api.OpenAi;
using Moecraft.Api.Tenants;

namespace Moecraft.Api;

/// <summary>The one place the HTTP API is composed: services, then endpoints. The silo host calls both.</summary>
public static class MoecraftApi
{
    public static IServiceCollection AddMoecraftApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MoecraftApiOptions>(configuration.GetSection(MoecraftApiOptions.SectionName));
        services.AddMoecraftAuthentication();
        services.AddOpenApi();
        return services;
    }

    public static WebApplication MapMoecraftApi(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapOpenAiEndpoints();
        app.MapManagementEndpoints();
        app.MapTenantEndpoints();
        return app;
    }
}
