using Moecraft.Client;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Failover;

/// <summary>
/// A call whose gateway dies does not wait for its response timeout: the SDK sends through one gateway at a time, sees
/// its connection drop, and fails the calls it carried at once (the real silo process, killed with kill -9).
/// </summary>
public sealed class GatewayLossTests
{
    [Fact]
    public async Task An_ask_in_flight_fails_at_once_as_silo_unavailable_when_its_gateway_is_killed()
    {
        using var data = new TempDirectory("moecraft-gateway-loss");
        await using var silo = await SiloProcess.StartAsync(data.Path, FreePorts.Take(3));
        // No retry: with the only silo gone, the raw failure is what this test looks at.
        await using var client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [silo.GatewayPort], RetryWindow = TimeSpan.Zero });
        Assert.Equal(silo.GatewayPort, client.Gateway?.Port);
        var slow = TestExperts.UniqueId("slow");
        await client.RegisterExpertAsync(TestExperts.Simulated(slow, latencyMs: 60_000));

        var ask = client.AskAsync(new AskRequest("lost-ask", "A question the killed silo never answers", Policy: new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: slow)));
        await Task.Delay(TimeSpan.FromSeconds(1)); // the ask is on its way to the expert
        Assert.False(ask.IsCompleted);
        await silo.KillAsync();

        // Orleans alone would end it after its 30 s response timeout, with a TimeoutException.
        var lost = await Assert.ThrowsAsync<SiloUnavailableException>(() => ask.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.IsType<GatewayLostException>(lost.InnerException);
        Assert.Contains("whether the cluster acted on the call is unknown", lost.Message);
    }
}
