using Moecraft.Hosting.Configuration;
using Moecraft.Journal;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Keepers;

/// <summary>Monotonicity (SPEC 5.2): committed events never change; a compensation, itself a two-step commit, cancels one.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class CompensationTests(SqliteClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task A_committed_compensation_lifts_a_scar_while_the_scar_event_stays_on_the_log()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "comp-scar");
        var keeper = TestKeepers.Slow(Grains, routerId);
        var router = Grains.GetGrain<IRouterLayerGrain>(routerId);
        var centroid = TestExperts.Vector(21);
        var scarId = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(centroid));
        await keeper.Tick(1_000);
        var scar = await keeper.Commit(scarId);
        Assert.Equal(CommitOutcome.Committed, scar.Outcome);
        Assert.Equal([experts[0]], (await router.Gate([.. centroid])).Scarred.ToArray());
        var scarEvent = (await keeper.GetSnapshot()).Events.Single();

        // The slow budget (1 per 10,000 ticks) pays for the compensation too.
        await Assert.ThrowsAsync<KeeperBudgetExhaustedException>(() => keeper.ProposeCompensation(scar.Sequence!.Value, "the outage was the provider's, not the expert's"));
        await keeper.Tick(11_000);
        var id = await keeper.ProposeCompensation(scar.Sequence!.Value, "the outage was the provider's, not the expert's");
        Assert.Equal(id, await keeper.ProposeCompensation(scar.Sequence!.Value, "the outage was the provider's, not the expert's"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => keeper.Commit(id));
        Assert.Equal([experts[0]], (await router.Gate([.. centroid])).Scarred.ToArray());

        await keeper.Tick(12_000);
        var result = await keeper.Commit(id);
        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.Contains($"compensation of event {scar.Sequence}", result.Reason);

        var snapshot = await keeper.GetSnapshot();
        Assert.Equal(2, snapshot.Events.Length);
        Assert.Equal(scarEvent, snapshot.Events[0]);
        var compensation = snapshot.Events[1];
        Assert.Equal((IdentityEventKind.Compensation, scar.Sequence, "the outage was the provider's, not the expert's"),
            (compensation.Kind, compensation.Supersedes, compensation.Reason));
        Assert.Empty(await keeper.GetScars());
        Assert.Empty(await router.GetScars());
        var gate = await router.Gate([.. centroid]);
        Assert.Empty(gate.Scarred);
        Assert.Contains(gate.Predictions, p => p.ExpertId == experts[0]);

        var audited = await KeeperAudit.EntriesOfAsync(Grains, KeeperClocks.Key(routerId, KeeperClock.Slow));
        Assert.Contains(audited, e => e.Kind == "kernel.commit" && e.Payload.Contains($"\"compensates\":{scar.Sequence}", StringComparison.Ordinal));

        // The journalist writes both commits in words, besides the roster's epochs (fire-and-forget, so wait for them).
        var node = new MoecraftSiloOptions().NodeName;
        await Eventually.Succeeds(async () =>
        {
            var day = await Grains.GetGrain<IJournalGrain>(JournalKeys.For(node, DateTimeOffset.UtcNow)).Read();
            var ours = day.Entries.Where(e => e.Kind == JournalKinds.Kernel && e.Text.Contains($"'{routerId}':", StringComparison.Ordinal)
                && e.Text.Contains("committed", StringComparison.Ordinal)).ToList();
            return ours.Count == 2 && ours.Any(e => e.Text.Contains($"compensation of event {scar.Sequence}", StringComparison.Ordinal))
                ? ours : throw new InvalidOperationException($"{ours.Count} kernel entries for {routerId}");
        }, TimeSpan.FromSeconds(20), "the journal entries of the scar and its compensation");
    }

    [Fact]
    public async Task Bad_compensations_are_refused_and_change_nothing()
    {
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(Grains, "comp-bad");
        var keeper = TestKeepers.Slow(Grains, routerId);
        var scarId = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(22));
        await keeper.Tick(1_000);
        var sequence = (await keeper.Commit(scarId)).Sequence!.Value;
        await keeper.Tick(30_000);
        var before = await keeper.GetSnapshot();

        await Assert.ThrowsAsync<ArgumentException>(() => keeper.ProposeCompensation(sequence + 5, "no such event"));
        await Assert.ThrowsAsync<ArgumentException>(() => keeper.ProposeCompensation(sequence, " "));
        await Assert.ThrowsAsync<ArgumentException>(() => keeper.ProposeCompensation(sequence, new string('x', 501)));
        await Assert.ThrowsAsync<ArgumentException>(() => keeper.Propose(IdentityEventKind.Compensation, experts[0], TestKeepers.Evidence(22)));
        Assert.Equal(before, await keeper.GetSnapshot(), KeeperSnapshotComparer.Instance);

        // Once compensated, an event cannot be compensated again (and a compensation itself cannot be).
        var id = await keeper.ProposeCompensation(sequence, "mistaken scar");
        await keeper.Tick(31_000);
        var compensation = await keeper.Commit(id);
        await keeper.Tick(60_000);
        var again = await Assert.ThrowsAsync<ArgumentException>(() => keeper.ProposeCompensation(sequence, "once more"));
        Assert.Contains("already compensated", again.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => keeper.ProposeCompensation(compensation.Sequence!.Value, "undo the undo"));
    }
}
