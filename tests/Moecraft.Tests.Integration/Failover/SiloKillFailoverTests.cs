using Moecraft.Client;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Host;
using Moecraft.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Moecraft.Tests.Failover;

/// <summary>
/// Fast failover (issue 12): three real silo processes on a throwaway PostgreSQL, 32 callers asking through the SDK back
/// to back (routed asks of a tenant, answered by the seeded simulated experts), and kill -9 of a silo. The asks other silos
/// can serve complete again within 5 s; the longest time without a completion after each kill is printed.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class SiloKillFailoverTests(ITestOutputHelper output)
{
    private const string Tenant = "failover";
    private const int Callers = 32;
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Observation = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Asks_complete_again_within_five_seconds_after_the_client_s_gateway_and_then_another_silo_are_killed()
    {
        await using var cluster = await PostgresSiloCluster.StartAsync(silos: 3);
        await using var client = await cluster.ConnectAsync();
        await client.ConfigureTenantAsync(Tenant, new TenantSettings(1_000_000m, BudgetPeriod.Monthly, 0, RoutingPolicyNames.Cheapest, []));
        await using var load = ContinuousLoad.Start(Callers, (request, _) => client.AskAsync(
            new AskRequest($"ask-{request.Caller}-{request.Sequence}", $"Question {request.Sequence} of caller {request.Caller}: how does a cluster fail over?", TenantId: Tenant)));
        await load.WaitForMoreCompletionsAsync(200, TimeSpan.FromSeconds(60));

        // The worst case first: the silo every ask of this client goes through, which also runs their chat router.
        var gateway = cluster.IndexOfGateway(client.Gateway!.Port);
        TenantUsage? usage = null;
        var gatewayGap = await load.MeasureAsync(async () =>
        {
            await cluster.KillAsync(gateway);
            // A read sent right after the kill reaches the cluster through another gateway (the SDK sends it again).
            usage = await client.GetTenantUsageAsync(Tenant);
        }, Observation);
        Report($"kill of {PostgresSiloCluster.NodeName(gateway)}, the client's gateway", gatewayGap, load);
        Assert.True(usage!.Spent >= 0);
        Assert.NotEqual(cluster[gateway].GatewayPort, client.Gateway?.Port);

        await cluster.RestartAsync(gateway);
        await load.WaitForMoreCompletionsAsync(100, TimeSpan.FromSeconds(60));

        // Then a silo that is not the gateway (and not the one just restarted): the grains it hosted move.
        var current = cluster.IndexOfGateway(client.Gateway!.Port);
        var other = Enumerable.Range(0, cluster.Count).First(i => i != current && i != gateway);
        var otherGap = await load.MeasureAsync(() => cluster.KillAsync(other), Observation);
        Report($"kill of {PostgresSiloCluster.NodeName(other)}, another silo", otherGap, load);

        Assert.True(gatewayGap.Longest < Goal, $"After the gateway's kill: {gatewayGap}; failures: {Failures(load, gatewayGap)}");
        Assert.True(otherGap.Longest < Goal, $"After the other silo's kill: {otherGap}; failures: {Failures(load, otherGap)}");
    }

    private void Report(string what, CompletionGap gap, ContinuousLoad load)
    {
        output.WriteLine($"{what}: {gap}");
        output.WriteLine($"  failures: {Failures(load, gap)}");
        output.WriteLine($"  completed/failed per 250 ms: {load.Timeline(gap.At, TimeSpan.FromMilliseconds(250), 24)}");
    }

    private static string Failures(ContinuousLoad load, CompletionGap gap) => load.DescribeFailures(gap.At, gap.At + gap.Observed);
}
