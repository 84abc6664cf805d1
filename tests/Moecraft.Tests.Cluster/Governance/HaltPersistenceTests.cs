using Moecraft.Governance;
using Moecraft.Journal;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Governance;

/// <summary>
/// Governance state outlives silos and restarts (own clusters: these tests halt the default "cluster" governance and
/// change topology).
/// </summary>
public sealed class HaltPersistenceTests
{
    private const string Node = "gov-node";

    [Fact]
    public async Task A_halt_survives_a_cluster_restart_until_resume()
    {
        using var data = new TempDirectory("moecraft-halt-restart");
        string routerId;
        await using (var first = await SqliteTestCluster.StartAsync(silos: 2, dataDirectory: data.Path, configure: o => o.NodeName = Node))
        {
            (routerId, _) = await TestRouters.CreateAsync(first.Client, "restart");
            await first.Client.GetGrain<IChatRouterGrain>(routerId).Ask(new AskRequest("before", "a question"));
            await first.Client.GetGrain<IGovernanceGrain>(GovernanceIds.Cluster).Halt("ops", "restart drill");
        }

        await using var second = await SqliteTestCluster.StartAsync(silos: 2, dataDirectory: data.Path, configure: o => o.NodeName = Node);
        var chat = second.Client.GetGrain<IChatRouterGrain>(routerId);
        var refused = await Assert.ThrowsAsync<ClusterHaltedException>(() => chat.Ask(new AskRequest("after-restart", "a question")));
        Assert.Equal(("restart drill", "ops"), (refused.Reason, refused.Actor));
        await Assert.ThrowsAsync<ClusterHaltedException>(() => second.Client.GetGrain<IRouterLayerGrain>(routerId).Route([.. TestExperts.Vector(1)]));

        var governance = second.Client.GetGrain<IGovernanceGrain>(GovernanceIds.Cluster);
        await governance.Resume("ops");

        var answer = await chat.Ask(new AskRequest("after-resume", "a question"));
        Assert.False(string.IsNullOrEmpty(answer.Answer.Text));
        Assert.Equal([GovernanceEventKind.Halted, GovernanceEventKind.Resumed], (await governance.GetEvents()).Select(e => e.Kind));
        var journal = await second.Client.GetGrain<IJournalGrain>(JournalKeys.For(Node, DateTimeOffset.UtcNow)).Read();
        // Roster edits journal their epochs too (kind "kernel"); the governance entries are these, in order.
        Assert.Equal([JournalKinds.Halt, JournalKinds.Resume], journal.Entries.Select(e => e.Kind).Where(k => k != JournalKinds.Kernel));
    }

    [Fact]
    public async Task Policy_and_halt_survive_killing_the_silo_that_hosts_the_governance_grain()
    {
        await using var cluster = await SqliteTestCluster.StartAsync(silos: 3, configure: o => o.NodeName = Node);
        var client = cluster.Client;
        var governance = client.GetGrain<IGovernanceGrain>(GovernanceIds.Cluster);
        await governance.SetPolicy(GovernancePolicy.Default with { MaxTenantBudget = 100m, LifecycleAutonomy = LifecycleAutonomy.ApplyPrune }, "ops");
        await governance.Halt("ops", "kill drill");
        var before = await governance.GetSnapshot();

        var host = cluster.HostOf(governance);
        await cluster.Cluster.KillSiloAsync(host);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        Assert.Equal(before, await governance.GetSnapshot());
        Assert.NotEqual(host.SiloAddress, cluster.HostOf(governance).SiloAddress);
        Assert.Equal([0L, 1], (await governance.GetPolicyHistory()).Select(v => v.Version));

        // The surviving silos still refuse work, and the tenant cap is enforced from the recovered policy.
        var (routerId, _) = await TestRouters.CreateAsync(client, "kill");
        await Assert.ThrowsAsync<ClusterHaltedException>(() => client.GetGrain<IChatRouterGrain>(routerId).Ask(new AskRequest("k1", "question")));
        var tenant = client.GetGrain<ITenantGrain>(TestExperts.UniqueId("capped"));
        var capped = await Assert.ThrowsAsync<ArgumentException>(() =>
            tenant.Configure(new TenantSettings(500m, BudgetPeriod.Monthly, 0.7, RoutingPolicyNames.Cheapest, [])));
        Assert.Contains("maximum of 100", capped.Message);
        await Assert.ThrowsAsync<TenantNotConfiguredException>(() => tenant.GetSettings());
        await tenant.Configure(new TenantSettings(50m, BudgetPeriod.Monthly, 0.7, RoutingPolicyNames.Cheapest, []));

        // Halting again after the kill is acknowledged by the remaining silos only.
        Assert.Equal(before.Halt, await governance.Halt("ops", "again"));
        await governance.Resume("ops");
        await client.GetGrain<IChatRouterGrain>(routerId).Ask(new AskRequest("k2", "question"));
    }
}
