using Moecraft.Experts;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.Requests;

/// <summary>An LLM router with priced simulated experts, for the request path tests.</summary>
public static class TestRouters
{
    /// <summary>Prices per million tokens (input, output) from cheapest to premium.</summary>
    public static readonly (string Name, decimal In, decimal Out)[] Tiers = [("cheap", 0.1m, 0.4m), ("mid", 1m, 4m), ("premium", 10m, 40m)];

    public static ExpertDefinition Expert(string id, decimal input, decimal output, double failureRate = 0) =>
        new(id, BackendKind.Simulated, "sim-" + id, Endpoint: null, new ExpertPricing(input, output), ExpertTier.Local, ["chat"],
            new SimulationSettings(Seed: 11, LatencyMs: 0, OutputTokens: 24, failureRate));

    /// <summary>A configured router whose experts are <c>{router}-cheap</c>, <c>-mid</c> and <c>-premium</c> (or the ones given).</summary>
    public static async Task<(string RouterId, string[] Experts)> CreateAsync(IGrainFactory grains, string prefix, params ExpertDefinition[] experts)
    {
        var routerId = TestExperts.UniqueId(prefix);
        if (experts.Length == 0) experts = [.. Tiers.Select(t => Expert($"{routerId}-{t.Name}", t.In, t.Out))];
        var router = grains.GetGrain<IRouterLayerGrain>(routerId);
        await router.Configure(RouterConfiguration.Default with { Width = 4, TopK = 2 });
        foreach (var expert in experts)
        {
            await grains.GetGrain<IExpertGrain>(expert.Id).Register(expert);
            await router.RegisterExpert(expert.Id);
        }
        return (routerId, [.. experts.Select(e => e.Id)]);
    }

    /// <summary>Asks through the request path and returns what each of two experts was charged for it: its cost counter before and after.</summary>
    public static async Task<(AskResult Result, decimal First, decimal Second)> AskWithCostsAsync(IGrainFactory grains, string routerId, AskRequest request, string first, string second)
    {
        async Task<(decimal, decimal)> CostsAsync() =>
            ((await grains.GetGrain<IExpertGrain>(first).GetSnapshot()).Counters.Cost, (await grains.GetGrain<IExpertGrain>(second).GetSnapshot()).Counters.Cost);
        var before = await CostsAsync();
        var result = await grains.GetGrain<IChatRouterGrain>(routerId).Ask(request);
        var after = await CostsAsync();
        return (result, after.Item1 - before.Item1, after.Item2 - before.Item2);
    }
}
