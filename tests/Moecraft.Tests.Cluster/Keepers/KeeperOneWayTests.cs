using Moecraft.Governance;
using Moecraft.Kernel;
using Moecraft.Routing;

namespace Moecraft.Tests.Keepers;

/// <summary>
/// Calls go one way between a router and its keepers: the router sends the evidence with its own proposals and its ticks,
/// and takes what was committed from the tick's answer, so a keeper decides them with the router cut off.
/// </summary>
public sealed class KeeperOneWayTests : PartitionedClusterTests
{
    [Fact]
    public async Task A_keeper_proposes_and_commits_on_the_routers_evidence_without_calling_the_router_back()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "one-way");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var sent = new RouterEvidence(await router.GetSnapshot(), (await router.GetSettings()).GovernanceId ?? GovernanceIds.Cluster, []);
        var keeper = TestKeepers.SlowKeeper(Grains, routerId);

        Partition.Cut<IRouterLayerGrain>();
        var id = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(41), sent, commitWhenDue: true);
        // An operator's call brings no evidence: its grain reads the router first, which it cannot reach now.
        await Assert.ThrowsAsync<KernelUnavailableException>(() => TestKeepers.Slow(Grains, routerId).Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(43)));
        var early = await keeper.Tick(new KeeperTick(999, 0, sent));
        var due = await keeper.Tick(new KeeperTick(1_000, 0, sent));
        var held = await keeper.Tick(new KeeperTick(1_010, due.Sequence, sent));

        Assert.Equal((999L, 0L), (early.Tick, early.Sequence));
        var committed = Assert.Single((await keeper.GetSnapshot()).Events);
        Assert.Equal((id, IdentityEventKind.Scar, experts[0]), (committed.ProposalId, committed.Kind, committed.Subject));
        Assert.Equal(committed.Sequence, due.Sequence);
        Assert.Equal([(committed.Sequence, experts[0])], due.Scars.Select(s => (s.Sequence, s.ExpertId)));
        Assert.Equal((0L, 0), (held.Sequence, held.Scars.Length));
        // Nothing was pushed to the router: it takes the scar from the tick's answer.
        Partition.Heal();
        Assert.Empty(await router.GetScars());
    }

    [Fact]
    public async Task A_proposal_sent_with_evidence_from_an_older_epoch_is_rejected_on_the_routers_next_tick()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "one-way-epoch");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var before = new RouterEvidence(await router.GetSnapshot(), GovernanceIds.Cluster, []);
        var keeper = TestKeepers.SlowKeeper(Grains, routerId);
        var id = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(42), before, commitWhenDue: true);

        Partition.Cut<IRouterLayerGrain>();
        var after = before with { Router = before.Router with { Epoch = before.Router.Epoch + 1 } };
        await keeper.Tick(new KeeperTick(1_000, 0, after));

        var result = Assert.Single((await keeper.GetSnapshot()).Results);
        Assert.Equal((id, CommitOutcome.Rejected), (result.ProposalId, result.Outcome));
        Assert.Contains($"the router is now in epoch {before.Router.Epoch + 1}", result.Reason);
    }

    [Fact]
    public async Task An_operators_call_reads_the_router_first_so_the_keeper_itself_never_calls_it()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "one-way-operator");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var operatorCalls = TestKeepers.Slow(Grains, routerId);
        var id = await operatorCalls.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(44));
        await operatorCalls.Tick(1_000);
        var reading = await router.ReadForKeepers([]);
        var keeper = TestKeepers.SlowKeeper(Grains, routerId);

        Partition.Cut<IRouterLayerGrain>();
        var result = await keeper.Commit(id, reading.Evidence);
        // A compensation gets as far as the budget (one write per 10,000 ticks, spent), not stuck on the router.
        await Assert.ThrowsAsync<KeeperBudgetExhaustedException>(() => keeper.ProposeCompensation(result.Sequence ?? 0, "a test compensation", reading.Evidence));
        var snapshot = await keeper.GetSnapshot();
        Partition.Heal();

        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.Equal(CommitOutcome.Committed, Assert.Single(snapshot.Results).Outcome);
        Assert.Equal(GovernanceIds.Cluster, reading.Evidence.GovernanceId);
        // The keeper handed the router nothing; the operator's next call does, through its own grain.
        Assert.Empty(await router.GetScars());
        await operatorCalls.Tick(1_001);
        Assert.Equal([(result.Sequence ?? 0, experts[0])], (await router.GetScars()).Select(s => (s.Sequence, s.ExpertId)));
    }
}
