using Moecraft.Cluster;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Client;

// Experts: registering them on a router's roster, reading them, and moving them along their lifecycle.
public sealed partial class MoecraftClient
{
    /// <summary>Registers (or updates) an expert and puts it on the router's roster; returns its slot.</summary>
    public async Task<int> RegisterExpertAsync(ExpertDefinition definition, string routerId = ClusterSeed.DefaultRouterId)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var router = Router(routerId);
        await Expert(definition.Id).Register(definition);
        return await router.RegisterExpert(definition.Id);
    }

    public Task<ExpertSnapshot> GetExpertAsync(string expertId) => Read(Expert(expertId).GetSnapshot);

    /// <summary>Every expert on a router's roster with its slot and whether the slot is active.</summary>
    public async Task<IReadOnlyList<(RosterSlot Slot, ExpertSnapshot Expert)>> ListExpertsAsync(string routerId = ClusterSeed.DefaultRouterId)
    {
        var router = await GetRouterAsync(routerId);
        var experts = await Task.WhenAll(router.Slots.Select(s => GetExpertAsync(s.ExpertId)));
        return router.Slots.Zip(experts).ToList();
    }

    public Task DeactivateExpertAsync(string expertId, string routerId = ClusterSeed.DefaultRouterId) =>
        Router(routerId).DeactivateExpert(ExpertIds.Validate(expertId, nameof(expertId)));

    /// <summary>Moves an expert along its lifecycle, audited and journaled as <paramref name="actor"/> (default <see cref="DefaultActor"/>).</summary>
    public Task<ExpertSnapshot> SetExpertStatusAsync(string expertId, ExpertStatus status, string? actor = null) =>
        Expert(expertId).SetStatus(status, actor ?? DefaultActor);
}
