using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Moecraft.Api.Authentication;
using Moecraft.Api.Documentation;
using Moecraft.Api.Federation;
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
        // The server's own body limit too, so a /moecraft body bound by ASP.NET stops at the same size as a /v1 body (413).
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<MoecraftApiOptions>>(
            (kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        services.AddMoecraftAuthentication();
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = ApiDescriptions.IsPublicApi;
            options.AddDocumentTransformer<BearerSecurityTransformer>();
        });
        // Management (RFC 7807 problem details); enums as kebab-case words (apply-prune, open-ai-compatible), read either way.
        services.AddManagement();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        services.TryAddSingleton(TimeProvider.System);
        services.AddFederationSurface(configuration);
        return services;
    }

    public static WebApplication MapMoecraftApi(this WebApplication app)
    {
        app.UseManagementProblems();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapApiReference();
        app.MapOpenAiEndpoints();
        app.MapManagementEndpoints();
        app.MapTenantEndpoints();
        app.MapFederationSurface();
        return app;
    }
}
