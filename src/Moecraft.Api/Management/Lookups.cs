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

    /// <summary>An id from a route or query: 1 to 128 characters without control characters.</summary>
    public static void RequireId(string? id, string what)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 128 || id.Any(char.IsControl))
            throw ManagementProblem.BadRequest($"A {what} id must be 1 to 128 characters without control characters.");
    }
}
