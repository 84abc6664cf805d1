using Moecraft.Client;
using Moecraft.Cluster;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Benchmarks.Gateway;

/// <summary>
/// The built silo as an operator starts it, on free loopback ports with a temporary data directory and no demo experts,
/// whose default router holds one OpenAI-compatible expert pointed at the upstream (registered through the client SDK),
/// so <c>model</c> = the expert id and <c>moecraft/auto</c> both end at the upstream.
/// </summary>
internal sealed class MoecraftSiloProcess : IAsyncDisposable
{
    public const string ExpertId = "bench-upstream";

    private readonly SiloNodeProcess _silo;

    private MoecraftSiloProcess(SiloNodeProcess silo) => _silo = silo;

    public int HttpPort => _silo.HttpPort;

    /// <summary>The silo's last lines (warnings and errors only: it logs at Warning).</summary>
    public string Output => _silo.Output;

    public ArmTarget Target(string arm) =>
        ArmTarget.Plain(arm, $"http://127.0.0.1:{HttpPort}/v1", arm == GatewayArms.MoecraftAuto ? GatewayArms.AutoModel : ExpertId);

    public static async Task<MoecraftSiloProcess> StartAsync(string? siloAssembly, ZeroLatencyUpstream upstream)
    {
        var silo = await SiloNodeProcess.StartAsync(await BuiltSilo.PathAsync(siloAssembly), "gateway-bench");
        try
        {
            await using var client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [silo.GatewayPort] });
            // One expert: top-1 (the default top-2 cannot select from one active slot).
            await client.ConfigureRouterAsync(ClusterSeed.DefaultRouterId, RouterConfiguration.Default with { TopK = 1 });
            await client.RegisterExpertAsync(new ExpertDefinition(
                ExpertId, BackendKind.OpenAiCompatible, ZeroLatencyUpstream.Model, upstream.BaseAddress,
                new ExpertPricing(0.1m, 0.4m), ExpertTier.Local, ["chat"], Simulation: null));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
        return new MoecraftSiloProcess(silo);
    }

    public ValueTask DisposeAsync() => _silo.DisposeAsync();
}
