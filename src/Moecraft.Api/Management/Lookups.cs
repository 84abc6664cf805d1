using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Api.Management;

/// <summary>
/// Reads of a router or an expert that answer 404 for one that does not exist: the grains report an unconfigured router or
/// an unregistered expert as an <see cref="InvalidOperationException"/>, which would otherwise be a 409.
/// </summary>
public static class Lookups
{
    public static async Task<RouterSnapshot> RouterAsync(IGrainFactory grains, string routerId)
    {
        RequireId(routerId, "router");
        try
        {
            return await grains.GetGrain<IRouterLayerGrain>(routerId).GetSnapshot();
        }
        catch (InvalidOperationException unknown) when (unknown.Message.EndsWith("is not configured.", StringComparison.Ordinal))
        {
            throw ManagementProblem.NotFound($"No router '{routerId}'.");
        }
    }

    public static async Task<ExpertSnapshot> ExpertAsync(IGrainFactory grains, string expertId)
    {
        RequireId(expertId, "expert");
        try
        {
            return await grains.GetGrain<IExpertGrain>(expertId).GetSnapshot();
        }
        catch (InvalidOperationException unknown) when (unknown.Message.EndsWith("is not registered.", StringComparison.Ordinal))
        {
            throw ManagementProblem.NotFound($"No expert '{expertId}'.");
        }
    }

    /// <summary>An id from a route or query: 1 to 128 characters of well-formed text (<see cref="Identifiers"/>), checked before any grain is called.</summary>
    public static void RequireId(string? id, string what)
    {
        try
        {
            Identifiers.Validate(id, $"{what} id", what);
        }
        catch (ArgumentException invalid)
        {
            throw ManagementProblem.BadRequest(invalid.Message);
        }
    }
}
