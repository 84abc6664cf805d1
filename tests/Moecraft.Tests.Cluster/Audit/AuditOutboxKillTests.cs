using Moecraft.Audit;
using Moecraft.Governance;
using Moecraft.Kernel;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.Keepers;

namespace Moecraft.Tests.Audit;

/// <summary>
/// A change that took effect has its audit entry, exactly once, even when its grain's silo dies between the state write
/// and the audit append: the audit store fails the append (as if the log's silo had died), the grain's silo is killed,
/// and the grain comes back on another silo (own clusters: the tests kill silos).
/// </summary>
public sealed class AuditOutboxKillTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_halt_stored_before_its_silo_died_is_audited_once_when_its_grain_comes_back()
    {
        var faults = new FaultyAuditStore.Switch();
        await using var cluster = await StartAsync(faults);
        var (governance, mark) = await HaltThenKillHostAsync(cluster, faults, FaultyAuditStore.Mode.FailBeforeAppend);

        // Activated again elsewhere: the halt held, and the stored entry is sent without another change to carry it.
        Assert.True((await governance.GetSnapshot()).Halt.Halted);
        await Eventually.Succeeds(async () => Assert.Single(await EntriesAsync(cluster.Client, mark)), Patience, "the halt's audit entry");

        await governance.Resume("ops");
        var entries = await EntriesAsync(cluster.Client, mark);
        Assert.Equal(["governance.halt", "governance.resume"], entries.Select(e => e.Kind));
        Assert.Contains("outbox drill", entries[0].Payload);
    }

    [Fact]
    public async Task A_halt_whose_append_landed_but_was_not_confirmed_is_not_audited_twice()
    {
        var faults = new FaultyAuditStore.Switch();
        await using var cluster = await StartAsync(faults);
        var (governance, mark) = await HaltThenKillHostAsync(cluster, faults, FaultyAuditStore.Mode.FailAfterAppend);

        // The resume is sent after the halt's entry, which the new activation finds in the log instead of appending again.
        await governance.Resume("ops");
        var entries = await EntriesAsync(cluster.Client, mark);
        Assert.Equal(["governance.halt", "governance.resume"], entries.Select(e => e.Kind));
        Assert.Equal(entries[0].Sequence + 1, entries[1].Sequence);
    }

    [Fact]
    public async Task A_kernel_proposal_and_commit_stored_before_the_keepers_silo_died_are_audited_once()
    {
        var faults = new FaultyAuditStore.Switch();
        await using var cluster = await StartAsync(faults);
        var (routerId, experts) = await TestKeepers.RouterWithFailedCheapExpertAsync(cluster.Client, "kp-outbox");
        var keeper = TestKeepers.Slow(cluster.Client, routerId);
        var mark = $"\"keeper\":\"{KeeperClocks.Key(routerId, KeeperClock.Slow)}\"";

        faults.Mode = FaultyAuditStore.Mode.FailBeforeAppend;
        var id = await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(31));
        await keeper.Tick(10_000);
        Assert.Equal(CommitOutcome.Committed, (await keeper.Commit(id)).Outcome);
        Assert.Empty(await EntriesAsync(cluster.Client, mark));
        await KillHostAsync(cluster, keeper);
        faults.Mode = FaultyAuditStore.Mode.None;

        Assert.Single((await keeper.GetSnapshot()).Events);
        var entries = await Eventually.Succeeds(async () =>
        {
            var found = await EntriesAsync(cluster.Client, mark);
            Assert.Equal(2, found.Length);
            return found;
        }, Patience, "the keeper's audit entries");
        Assert.Equal(["kernel.propose", "kernel.commit"], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Contains($"\"proposal\":\"{id}\"", e.Payload));

        // Another event after the replay: one more entry, none repeated.
        await keeper.Propose(IdentityEventKind.Scar, experts[0], TestKeepers.Evidence(32));
        Assert.Equal(["kernel.propose", "kernel.commit", "kernel.propose"], (await EntriesAsync(cluster.Client, mark)).Select(e => e.Kind));
    }

    private static Task<SqliteTestCluster> StartAsync(FaultyAuditStore.Switch faults) =>
        SqliteTestCluster.StartAsync(silos: 3, configureSilo: s => FaultyAuditStore.Install(s, faults));

    /// <summary>
    /// Halts a new governance while the audit store fails as <paramref name="mode"/> says, so the halt is stored and in force
    /// but its append failed, then kills the governance grain's silo; returns the grain and what marks its audit entries.
    /// </summary>
    private static async Task<(IGovernanceGrain Governance, string Mark)> HaltThenKillHostAsync(
        SqliteTestCluster cluster, FaultyAuditStore.Switch faults, FaultyAuditStore.Mode mode)
    {
        var governanceId = TestExperts.UniqueId("gov-outbox");
        var governance = cluster.Client.GetGrain<IGovernanceGrain>(governanceId);
        var mark = $"\"governance\":\"{governanceId}\"";
        faults.Mode = mode;
        Assert.True((await governance.Halt("ops", "outbox drill")).Halted);
        // Failing after the append, the store did write the entry: only the grain does not know.
        Assert.Equal(mode == FaultyAuditStore.Mode.FailAfterAppend ? 1 : 0, (await EntriesAsync(cluster.Client, mark)).Length);
        await KillHostAsync(cluster, governance);
        faults.Mode = FaultyAuditStore.Mode.None;
        return (governance, mark);
    }

    private static async Task KillHostAsync(SqliteTestCluster cluster, IAddressable grain)
    {
        await cluster.Cluster.KillSiloAsync(cluster.HostOf(grain));
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
    }

    /// <summary>The cluster log's entries whose payload contains <paramref name="mark"/>, in order.</summary>
    internal static async Task<AuditEntry[]> EntriesAsync(IGrainFactory grains, string mark)
    {
        var log = grains.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
        var size = (await log.GetHead()).Size;
        var entries = new List<AuditEntry>();
        for (long from = 1; from <= size; from += 1000) entries.AddRange(await log.Read(from, 1000));
        return [.. entries.Where(e => e.Payload.Contains(mark, StringComparison.Ordinal))];
    }
}
