using Microsoft.Extensions.DependencyInjection;

namespace Moecraft.Api.Management;

/// <summary>The services the management endpoints use.</summary>
public static class ManagementServices
{
    public static IServiceCollection AddManagement(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddSingleton<FiniteJson>();
        return services;
    }
}
