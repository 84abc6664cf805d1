using Moecraft.Experts;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Keepers;

/// <summary>Routers with experts that have failed, and scar evidence against them, for the keeper tests.</summary>
public static class TestKeepers
{
    public static IKeeperOperatorGrain Slow(IGrainFactory grains, string routerId) => grains.GetGrain<IKeeperOperatorGrain>(KeeperClocks.Key(routerId, KeeperClock.Slow));

    public static IKeeperOperatorGrain Fast(IGrainFactory grains, string routerId) => grains.GetGrain<IKeeperOperatorGrain>(KeeperClocks.Key(routerId, KeeperClock.Fast));

    /// <summary>The slow keeper itself, as its router calls it (with evidence), not through the operator's grain.</summary>
    public static IKeeperGrain SlowKeeper(IGrainFactory grains, string routerId) => grains.GetGrain<IKeeperGrain>(KeeperClocks.Key(routerId, KeeperClock.Slow));

    /// <summary>Makes <paramref name="expertId"/> fail <paramref name="failures"/> real calls (its counters record them), then answer again.</summary>
    public static async Task FailAsync(IGrainFactory grains, string expertId, int failures)
    {
        var expert = grains.GetGrain<IExpertGrain>(expertId);
        var definition = (await expert.GetSnapshot()).Definition;
        await expert.Register(definition with { Simulation = definition.Simulation! with { FailureRate = 1 } });
        for (var i = 0; i < failures; i++)
            await Assert.ThrowsAsync<ExpertCallFailedException>(() => expert.Invoke(new ExpertRequest($"fail-{i}", "anything")));
        await expert.Register(definition);
    }

    /// <summary>A router with the cheap, mid and premium experts, whose cheap expert failed twice.</summary>
    public static async Task<(string RouterId, string[] Experts)> RouterWithFailedCheapExpertAsync(IGrainFactory grains, string prefix)
    {
        var (routerId, experts) = await TestRouters.CreateAsync(grains, prefix);
        await FailAsync(grains, experts[0], 2);
        return (routerId, experts);
    }

    public static ScarEvidence Evidence(float[] centroid, double radius = 0.05, long failures = 2) => new([.. centroid], radius, failures);

    public static ScarEvidence Evidence(int seed) => Evidence(Cluster.TestExperts.Vector(seed));
}
