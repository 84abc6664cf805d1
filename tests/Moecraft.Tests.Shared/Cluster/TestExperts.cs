using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Tests.Cluster;

/// <summary>Builders for simulated experts and small routers with unique ids.</summary>
public static class TestExperts
{
    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..(prefix.Length + 9)];

    public static ExpertDefinition Simulated(string id, double failureRate = 0, int latencyMs = 0) =>
        new(id, BackendKind.Simulated, "sim-test", Endpoint: null, new ExpertPricing(1m, 2m), ExpertTier.Local, ["chat"],
            new SimulationSettings(Seed: 5, latencyMs, OutputTokens: 32, failureRate));

    public static RouterConfiguration SmallRouter(int width = 4, int topK = 2) =>
        RouterConfiguration.Default with { Width = width, TopK = topK };

    public static float[] Vector(int seed, int dimension = 512)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }
}
