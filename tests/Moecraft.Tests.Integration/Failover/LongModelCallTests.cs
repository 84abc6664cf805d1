using Moecraft.Client;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Failover;

/// <summary>
/// Short response timeouts elsewhere do not cut a slow model's answer: the calls that wait for a model have their own,
/// longer limit (<see cref="Experts.ModelCalls"/>), and a streamed answer is kept alive by Orleans' long polls. A real silo
/// whose response timeout is set to 3 s through "Moecraft:Failover", a client set to 3 s, an expert that takes 6 s.
/// </summary>
public sealed class LongModelCallTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_model_answer_slower_than_the_response_timeout_arrives_whole_plain_and_streamed()
    {
        using var data = new TempDirectory("moecraft-long-call");
        await using var silo = await SiloProcess.StartAsync(data.Path, FreePorts.Take(3), $"--Moecraft:Failover:ResponseTimeout={ShortTimeout:c}");
        await using var client = await MoecraftClient.ConnectAsync(new MoecraftClientOptions { GatewayPorts = [silo.GatewayPort], ResponseTimeout = ShortTimeout });
        var slow = TestExperts.UniqueId("slow");
        await client.RegisterExpertAsync(TestExperts.Simulated(slow, latencyMs: 6_000));
        var pinned = new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: slow);

        var plain = await client.AskAsync(new AskRequest("slow-plain", "Take your time", Policy: pinned));
        Assert.Equal(slow, plain.Answer.ExpertId);
        Assert.True(plain.Answer.LatencyMs >= 6_000, $"answered in {plain.Answer.LatencyMs} ms");

        var chunks = new List<AskChunk>();
        await foreach (var chunk in client.AskStreamingAsync(new AskRequest("slow-streamed", "Take your time, streamed", Policy: pinned)))
            chunks.Add(chunk);
        var final = chunks[^1].Final ?? throw new InvalidOperationException("The stream ended without its result.");
        Assert.Equal(slow, final.Answer.ExpertId);
        Assert.Equal(final.Answer.Text, string.Concat(chunks.Select(c => c.Text)));
    }
}
