using Moecraft.Experts;
using Moecraft.Governance;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Keepers;

/// <summary>Epoch boundaries (SPEC 5.3): roster and policy changes re-base the keepers' clocks and every decision names its epoch.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class EpochTests(SqliteClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private IGrainFactory Grains => fixture.Cluster.Client;

    private IKeeperOperatorGrain Mid(string routerId) => Grains.GetGrain<IKeeperOperatorGrain>(KeeperClocks.Key(routerId, KeeperClock.Mid));

    [Fact]
    public async Task A_roster_change_is_recorded_by_the_mid_keeper_and_every_keeper_enters_the_epoch()
    {
        var (routerId, _) = await TestRouters.CreateAsync(Grains, "epoch-roster");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var extra = TestRouters.Expert(routerId + "-extra", 2m, 8m);
        await Grains.GetGrain<IExpertGrain>(extra.Id).Register(extra);
        await router.RegisterExpert(extra.Id);
        var epoch = (await router.GetSnapshot()).Epoch;

        // The router tells its keepers without waiting for them (they call back into it).
        var boundary = await Eventually.Succeeds(async () =>
        {
            var mid = await Mid(routerId).GetSnapshot();
            return mid.Events.Single(e => e.Kind == IdentityEventKind.Epoch && e.Epoch == epoch);
        }, Patience, "the mid keeper recording the epoch");
        Assert.Contains($"expert '{extra.Id}' joined slot", boundary.Reason);
        Assert.Equal($"epoch {epoch}", boundary.Subject);
        foreach (var clock in Enum.GetValues<KeeperClock>())
        {
            var keeper = await Eventually.Succeeds(async () =>
            {
                var snapshot = await Grains.GetGrain<IKeeperGrain>(KeeperClocks.Key(routerId, clock)).GetSnapshot();
                return snapshot.Epoch == epoch ? snapshot : throw new InvalidOperationException($"{clock} keeper is in epoch {snapshot.Epoch}");
            }, Patience, $"the {clock} keeper entering epoch {epoch}");
            Assert.Equal(epoch, keeper.Epoch);
        }
        // Only the mid keeper keeps epoch events; every boundary it saw is on its log in order, and audited.
        var epochs = (await Mid(routerId).GetSnapshot()).Events.Where(e => e.Kind == IdentityEventKind.Epoch).Select(e => e.Epoch).ToArray();
        Assert.Equal(epochs.Order(), epochs);
        Assert.DoesNotContain((await TestKeepers.Slow(Grains, routerId).GetSnapshot()).Events, e => e.Kind == IdentityEventKind.Epoch);
        var audited = await KeeperAudit.EntriesOfAsync(Grains, KeeperClocks.Key(routerId, KeeperClock.Mid));
        Assert.Contains(audited, e => e.Kind == "kernel.epoch" && e.Payload.Contains($"\"epoch\":{epoch},", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proposal_from_before_a_roster_change_is_rejected_at_commit_and_decisions_name_their_epoch()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "epoch-stale");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var keeper = TestKeepers.Slow(Grains, routerId);
        var before = (await router.GetSnapshot()).Epoch;
        var stale = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(11));
        Assert.Equal(before, (await keeper.GetSnapshot()).Proposals.Single(p => p.Id == stale).Epoch);

        var extra = TestRouters.Expert(routerId + "-extra", 2m, 8m);
        await Grains.GetGrain<IExpertGrain>(extra.Id).Register(extra);
        await router.RegisterExpert(extra.Id);
        var after = (await router.GetSnapshot()).Epoch;
        Assert.Equal(before + 1, after);
        await keeper.Tick(1_000);

        // The evidence itself still holds (the expert failed and is on the roster), but it was gathered in the old epoch.
        var rejected = await keeper.Commit(stale);
        Assert.Equal(CommitOutcome.Rejected, rejected.Outcome);
        Assert.Contains($"proposed in epoch {before} and the router is now in epoch {after}", rejected.Reason);
        Assert.DoesNotContain("evidence no longer holds", rejected.Reason);
        Assert.Equal(after, rejected.Epoch);
        Assert.Empty(await keeper.GetScars());

        // The same claim made afresh in the new epoch commits, and the event names the epoch.
        await keeper.Tick(20_000);
        var fresh = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(12));
        await keeper.Tick(21_000);
        var committed = await keeper.Commit(fresh);
        Assert.Equal(CommitOutcome.Committed, committed.Outcome);
        Assert.Equal(after, committed.Epoch);
        Assert.Equal(after, (await keeper.GetSnapshot()).Events.Single(e => e.Sequence == committed.Sequence).Epoch);
    }

    [Fact]
    public async Task A_governance_policy_change_starts_an_epoch_on_the_routers_that_obey_it()
    {
        var (routerId, _) = await TestRouters.CreateAsync(Grains, "epoch-policy");
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var governanceId = TestExperts.UniqueId("epoch-gov");
        await router.UpdateSettings((await router.GetSettings()) with { GovernanceId = governanceId });
        var input = TestExperts.Vector(5);
        await router.Route([.. input]);
        var before = (await router.GetSnapshot()).Epoch;
        Assert.Equal(before, (await router.Route([.. input])).Epoch);

        var governance = Grains.GetGrain<IGovernanceGrain>(governanceId);
        var policy = await governance.SetPolicy(GovernancePolicy.Default with { MaxExpertsPerRouter = 17 }, "ops");

        var decision = await router.Route([.. input]);
        Assert.Equal(before + 1, decision.Epoch);
        Assert.Equal(before + 1, (await router.Route([.. input])).Epoch);
        var boundary = await Eventually.Succeeds(async () =>
            (await Mid(routerId).GetSnapshot()).Events.Single(e => e.Kind == IdentityEventKind.Epoch && e.Epoch == before + 1),
            Patience, "the mid keeper recording the policy epoch");
        Assert.Contains($"governance policy version {policy.Version}", boundary.Reason);
    }

    [Fact]
    public async Task Entering_an_epoch_is_idempotent_and_bad_marks_change_nothing()
    {
        // A configured router without experts: no roster edit, so no boundary of its own races the marks below.
        var routerId = TestExperts.UniqueId("epoch-mark");
        await Grains.GetGrain<IRouterLayerGrain>(routerId).Configure(RouterConfiguration.Default);
        var mid = Mid(routerId);
        // Epoch marks come from the router itself, straight to the keeper.
        var marks = Grains.GetGrain<IKeeperGrain>(KeeperClocks.Key(routerId, KeeperClock.Mid));
        await mid.Tick(50);

        Assert.Equal(3, await marks.EnterEpoch(new EpochMark(3, 40, "a test boundary")));
        Assert.Equal(3, await marks.EnterEpoch(new EpochMark(3, 90, "the same boundary again")));
        Assert.Equal(3, await marks.EnterEpoch(new EpochMark(2, 90, "an older boundary arriving late")));
        await Assert.ThrowsAsync<ArgumentException>(() => marks.EnterEpoch(new EpochMark(-1, 0, "negative")));
        await Assert.ThrowsAsync<ArgumentException>(() => marks.EnterEpoch(new EpochMark(4, -5, "negative step")));
        await Assert.ThrowsAsync<ArgumentException>(() => marks.EnterEpoch(new EpochMark(4, 60, " ")));

        var snapshot = await mid.GetSnapshot();
        Assert.Equal((3, 50L, 50L), (snapshot.Epoch, snapshot.EpochStartTick, snapshot.Tick));
        var boundary = Assert.Single(snapshot.Events);
        Assert.Equal((IdentityEventKind.Epoch, 3, "a test boundary"), (boundary.Kind, boundary.Epoch, boundary.Reason));

        // The clock re-bases forward when the boundary lies ahead of it; epochs are not proposed like scars.
        Assert.Equal(5, await marks.EnterEpoch(new EpochMark(5, 120, "a later boundary")));
        Assert.Equal((5, 120L, 120L), ((await mid.GetSnapshot()).Epoch, (await mid.GetSnapshot()).EpochStartTick, (await mid.GetSnapshot()).Tick));
        await Assert.ThrowsAsync<ArgumentException>(() => mid.Propose(IdentityEventKind.Epoch, "epoch 6", TestKeepers.Evidence(1)));
    }
}
