using Moecraft.Audit;
using Moecraft.Experts;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.RouterLayer;

namespace Moecraft.Tests.Keepers;

/// <summary>The kernel's two-step commit on the shared three-silo SQLite cluster (SPEC 5.2): budget, dwell, evidence, audit.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class KeeperTests(SqliteClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task Proposing_the_same_content_twice_returns_the_same_id_and_spends_one_token()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "kp-idem");
        var keeper = TestKeepers.Slow(Grains, routerId);
        var evidence = TestKeepers.Evidence(1);

        var first = await keeper.Propose(IdentityEventKind.Scar, experts[0], evidence);
        var again = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(1));

        Assert.Equal(first, again);
        var snapshot = await keeper.GetSnapshot();
        var proposal = Assert.Single(snapshot.Proposals);
        Assert.Equal(first, proposal.Id);
        Assert.Equal(evidence, proposal.Evidence);
        Assert.Equal(0, snapshot.Tokens);
        Assert.Equal((1, 10_000L, 1_000L), (snapshot.Capacity, snapshot.RefillTicks, snapshot.Dwell));
    }

    [Fact]
    public async Task A_commit_before_the_dwell_is_refused_and_the_clock_never_goes_back()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "kp-dwell");
        var keeper = TestKeepers.Slow(Grains, routerId);
        Assert.Equal(40, await keeper.Tick(40));
        var id = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(2));

        var early = await Assert.ThrowsAsync<InvalidOperationException>(() => keeper.Commit(id));
        Assert.Contains("in 1000 tick(s)", early.Message);
        Assert.Equal(1_039, await keeper.Tick(1_039));
        Assert.Equal(1_039, await keeper.Tick(500));
        early = await Assert.ThrowsAsync<InvalidOperationException>(() => keeper.Commit(id));
        Assert.Contains("in 1 tick(s)", early.Message);
        var before = await keeper.GetSnapshot();
        Assert.Empty(before.Results);
        Assert.Empty(before.Events);
        await Assert.ThrowsAsync<ArgumentException>(() => keeper.Tick(-1));

        await keeper.Tick(1_040);
        var result = await keeper.Commit(id);
        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.Equal(1_040, result.DecidedAt);
    }

    [Fact]
    public async Task Repeated_commits_return_the_first_result_and_the_audit_log_holds_the_proposal_and_the_commit()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "kp-repeat");
        var keeper = TestKeepers.Slow(Grains, routerId);
        var id = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(3));
        await keeper.Tick(1_000);

        var first = await keeper.Commit(id);
        var second = await keeper.Commit(id);

        Assert.Equal(first, second);
        Assert.Equal(CommitOutcome.Committed, first.Outcome);
        Assert.Equal(1, first.Sequence);
        var snapshot = await keeper.GetSnapshot();
        var committed = Assert.Single(snapshot.Events);
        Assert.Equal((1L, IdentityEventKind.Scar, experts[0], id), (committed.Sequence, committed.Kind, committed.Subject, committed.ProposalId));
        Assert.Equal([first], snapshot.Results.ToArray());
        var scar = Assert.Single(await keeper.GetScars());
        Assert.Equal(experts[0], scar.ExpertId);
        Assert.Equal([scar], (await Grains.GetGrain<IRouterLayerGrain>(routerId).GetScars()).ToArray());

        // The audit log is shared by every test of this cluster: find this keeper's lines.
        var key = KeeperClocks.Key(routerId, KeeperClock.Slow);
        var ours = await KeeperAudit.EntriesOfAsync(Grains, key);
        Assert.Equal(["kernel.propose", "kernel.commit"], ours.Select(e => e.Kind));
        Assert.All(ours, e => Assert.Equal("keeper:" + key, e.Actor));
        Assert.All(ours, e => Assert.Contains($"\"proposal\":\"{id}\"", e.Payload));
        Assert.Contains("\"outcome\":\"committed\"", ours[1].Payload);
        Assert.Contains("\"sequence\":1", ours[1].Payload);
    }

    [Fact]
    public async Task A_commit_whose_evidence_no_longer_holds_is_rejected_for_good()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "kp-stale");
        var keeper = TestKeepers.Slow(Grains, routerId);
        var id = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(4));
        var expert = Grains.GetGrain<IExpertGrain>(experts[0]);
        await expert.SetStatus(ExpertStatus.Cooling);
        await expert.SetStatus(ExpertStatus.Archived);
        await keeper.Tick(1_000);

        var rejected = await keeper.Commit(id);
        Assert.Equal(CommitOutcome.Rejected, rejected.Outcome);
        Assert.Null(rejected.Sequence);
        Assert.Contains("Archived", rejected.Reason);

        // The evidence holds again, but the first decision stands.
        await expert.SetStatus(ExpertStatus.Active);
        Assert.Equal(rejected, await keeper.Commit(id));
        var snapshot = await keeper.GetSnapshot();
        Assert.Empty(snapshot.Events);
        Assert.Empty(await Grains.GetGrain<IRouterLayerGrain>(routerId).GetScars());
    }

    [Fact]
    public async Task An_exhausted_budget_refuses_a_proposal_and_changes_nothing()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "kp-budget");
        var keeper = TestKeepers.Slow(Grains, routerId);
        await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(5));
        await keeper.Tick(9_000);
        var before = await keeper.GetSnapshot();

        var refused = await Assert.ThrowsAsync<KeeperBudgetExhaustedException>(
            () => keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(6)));
        Assert.Equal(1_000, refused.TicksUntilToken);

        var after = await keeper.GetSnapshot();
        Assert.Equal(before.Proposals.ToArray(), after.Proposals.ToArray());
        Assert.Equal(before.Tokens, after.Tokens);
        await keeper.Tick(10_000);
        var id = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(6));
        Assert.Equal(2, (await keeper.GetSnapshot()).Proposals.Length);
        Assert.Equal(10_000, (await keeper.GetSnapshot()).Proposals.Single(p => p.Id == id).ProposedAt);
    }

    [Fact]
    public async Task Bad_proposals_get_a_clear_error_and_change_nothing()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "kp-bad");
        var slow = TestKeepers.Slow(Grains, routerId);
        var fast = TestKeepers.Fast(Grains, routerId);

        var wrongKeeper = await Assert.ThrowsAsync<ArgumentException>(() => fast.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(7)));
        Assert.Contains("slow keeper", wrongKeeper.Message);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => slow.Propose(IdentityEventKind.Scar, "nobody", TestKeepers.Evidence(7)));
        Assert.Contains("not on router", unknown.Message);
        var overclaimed = await Assert.ThrowsAsync<ArgumentException>(
            () => slow.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(TestExperts.Vector(7), failures: 3)));
        Assert.Contains("2 failure(s)", overclaimed.Message);
        await Assert.ThrowsAsync<ArgumentException>(
            () => slow.Propose(IdentityEventKind.Scar, experts[1], TestKeepers.Evidence(TestExperts.Vector(7), failures: 0)));
        await Assert.ThrowsAsync<ArgumentException>(
            () => slow.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(TestExperts.Vector(7), radius: 3)));
        await Assert.ThrowsAsync<ArgumentException>(
            () => slow.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(TestExperts.Vector(7, dimension: 8))));
        await Assert.ThrowsAsync<ArgumentException>(() => slow.Commit("no-such-proposal"));

        var snapshot = await slow.GetSnapshot();
        Assert.Empty(snapshot.Proposals);
        Assert.Equal(1, snapshot.Tokens);
    }

    [Fact]
    public async Task The_router_ticks_its_keepers_as_its_steps_advance()
    {
        var routerId = TestExperts.UniqueId("kp-ticks");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        await router.Configure(TestExperts.SmallRouter(width: 4, topK: 2));
        foreach (var id in new[] { "a", "b", "c" }) await router.RegisterExpert(id);
        var traces = new SyntheticTraces(width: 4, dimension: 8, seed: 3);
        for (var step = 0; step < 25; step++) await router.ObserveTrace(traces.Step([true, true, true, false]));

        foreach (var clock in Enum.GetValues<KeeperClock>())
        {
            var keeper = Grains.GetGrain<IKeeperGrain>(KeeperClocks.Key(routerId, clock));
            await Eventually.Succeeds(async () =>
            {
                var tick = (await keeper.GetSnapshot()).Tick;
                Assert.Equal(20, tick);
                return tick;
            }, TimeSpan.FromSeconds(10), $"the {clock} keeper's clock");
        }
    }
}
