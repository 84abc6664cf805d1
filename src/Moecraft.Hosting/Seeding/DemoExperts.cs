using System.Collections.Immutable;
using Moecraft.Experts;

namespace Moecraft.Hosting.Seeding;

/// <summary>
/// The simulated experts a fresh node starts with, so the product works with no model server anywhere.
/// Every one is answered by the simulated backend and says so ("sim-" ids, "[simulated ...]" answers).
/// </summary>
public static class DemoExperts
{
    public static ImmutableArray<ExpertDefinition> All { get; } =
    [
        Simulated("sim-local-small", "sim-small-1b", ExpertTier.Local, new(0m, 0m), latencyMs: 15, outputTokens: 48, failureRate: 0, "chat"),
        Simulated("sim-local-coder", "sim-coder-7b", ExpertTier.Local, new(0m, 0m), latencyMs: 40, outputTokens: 96, failureRate: 0, "code"),
        Simulated("sim-standard", "sim-general-70b", ExpertTier.Standard, new(0.50m, 1.50m), latencyMs: 120, outputTokens: 160, failureRate: 0, "chat", "summarise"),
        Simulated("sim-premium", "sim-frontier", ExpertTier.Premium, new(3.00m, 15.00m), latencyMs: 300, outputTokens: 256, failureRate: 0.02, "chat", "code", "math", "reasoning"),
    ];

    private static ExpertDefinition Simulated(
        string id, string model, ExpertTier tier, ExpertPricing pricing, int latencyMs, int outputTokens, double failureRate, params string[] capabilities) =>
        new(id, BackendKind.Simulated, model, Endpoint: null, pricing, tier, [.. capabilities],
            new SimulationSettings(Seed: (int)StableHash.Of(id), latencyMs, outputTokens, failureRate));
}
