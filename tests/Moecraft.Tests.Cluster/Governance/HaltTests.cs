using System.Collections.Concurrent;
using System.Diagnostics;
using Moecraft.Audit;
using Moecraft.Client;
using Moecraft.Governance;
using Moecraft.Hosting.Configuration;
using Moecraft.Journal;
using Moecraft.Routing;
using Moecraft.Tests.Cluster;
using Moecraft.Tests.Infrastructure;
using Moecraft.Tests.Requests;

namespace Moecraft.Tests.Governance;

/// <summary>
/// The kill switch on the shared three-silo cluster. Each test halts its own governance id and routes through routers
/// that obey it, so the other tests on the cluster keep working. Client calls reach all three silos (one gateway each).
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class HaltTests(SqliteClusterFixture fixture)
{
    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task During_a_burst_every_request_that_starts_after_the_halt_is_acknowledged_is_refused()
    {
        var governanceId = TestExperts.UniqueId("gov-burst");
        var (routerId, _) = await TestRouters.CreateAsync(Client, "halt-burst");
        await Client.GetGrain<IRouterLayerGrain>(routerId).UpdateSettings(RouterSettings.Default with { GovernanceId = governanceId });
        var chat = Client.GetGrain<IChatRouterGrain>(routerId);

        var clock = Stopwatch.StartNew();
        var haltAcknowledged = TimeSpan.MaxValue;
        var outcomes = new ConcurrentBag<(TimeSpan Started, Exception? Error)>();
        var completed = 0;
        using var stop = new CancellationTokenSource();

        async Task WorkerAsync(int worker)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = clock.Elapsed;
                try
                {
                    await chat.Ask(new AskRequest($"w{worker}-{i}", $"burst question {worker} {i}"));
                    outcomes.Add((started, null));
                }
                catch (Exception ex)
                {
                    outcomes.Add((started, ex));
                }
                Interlocked.Increment(ref completed);
            }
        }

        var workers = Enumerable.Range(0, 12).Select(w => Task.Run(() => WorkerAsync(w))).ToList();
        while (Volatile.Read(ref completed) < 60) await Task.Delay(10);
        await Client.GetGrain<IGovernanceGrain>(governanceId).Halt("test", "burst halt");
        haltAcknowledged = clock.Elapsed;
        var completedAtHalt = Volatile.Read(ref completed);
        while (Volatile.Read(ref completed) < completedAtHalt + 120) await Task.Delay(10);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var before = outcomes.Where(o => o.Started < haltAcknowledged).ToList();
        var after = outcomes.Where(o => o.Started >= haltAcknowledged).ToList();
        Assert.Contains(before, o => o.Error is null);
        Assert.True(after.Count >= 60, $"only {after.Count} requests started after the halt");
        Assert.All(after, o =>
        {
            var halted = Assert.IsType<ClusterHaltedException>(o.Error);
            Assert.Equal(("burst halt", "test", governanceId), (halted.Reason, halted.Actor, halted.GovernanceId));
        });
        // Requests that started earlier either finished or met the halt; nothing else went wrong.
        Assert.All(before, o => Assert.True(o.Error is null or ClusterHaltedException, o.Error?.ToString()));
    }

    [Fact]
    public async Task A_halt_refuses_routing_and_training_steps_until_resume_and_both_are_recorded()
    {
        var governanceId = TestExperts.UniqueId("gov-halt");
        var governance = Client.GetGrain<IGovernanceGrain>(governanceId);
        var routerId = TestExperts.UniqueId("halt-layer");
        var router = Client.GetGrain<IRouterLayerGrain>(routerId);
        await router.Configure(TestExperts.SmallRouter(width: 4, topK: 2));
        foreach (var id in new[] { "a", "b", "c" }) await router.RegisterExpert(id);
        await router.UpdateSettings(new RouterSettings(RouterKind.NeuralLayer, ExecuteLifecycle: false, LifecycleInterval: 0, GovernanceId: governanceId));
        var traces = new RouterLayer.SyntheticTraces(width: 4, dimension: 8, seed: 3);
        var input = TestExperts.Vector(5);
        await router.Route([.. input]);
        var steps = (await router.ObserveTrace(traces.Step([true, true, true, false]))).Step;

        var halt = await governance.Halt("ops", "incident 42");

        Assert.True(halt.Halted);
        var refused = await Assert.ThrowsAsync<ClusterHaltedException>(() => router.Route([.. input]));
        Assert.Contains("incident 42", refused.Message);
        await Assert.ThrowsAsync<ClusterHaltedException>(() => router.RouteBatch([.. input, .. input]));
        await Assert.ThrowsAsync<ClusterHaltedException>(() => router.ObserveTrace(traces.Step([true, true, true, false])));
        Assert.Equal(steps, (await router.GetHealth()).Steps);
        // A second halt keeps the first one's reason and time.
        Assert.Equal(halt, await governance.Halt("someone-else", "again"));

        await governance.Resume("ops");

        await router.Route([.. input]);
        Assert.Equal(steps + 1, (await router.ObserveTrace(traces.Step([true, true, true, false]))).Step);
        var events = await governance.GetEvents();
        Assert.Equal([GovernanceEventKind.Halted, GovernanceEventKind.Resumed], events.Select(e => e.Kind));
        Assert.Equal(["ops", "ops"], events.Select(e => e.Actor));
        Assert.Contains("incident 42", events[0].Text);

        var journal = await JournalOfTodayAsync(governanceId);
        Assert.Equal([JournalKinds.Halt, JournalKinds.Resume], journal.Select(e => e.Kind).Where(k => k != JournalKinds.Kernel));
        Assert.Contains("Halted by ops: incident 42", journal[0].Text);

        // Both are in the hash-chained audit log (shared by every test of this cluster: find this governance's lines).
        var audit = Client.GetGrain<IAuditLogGrain>(AuditLogs.Cluster);
        var head = await audit.GetHead();
        var entries = await audit.Read(1, (int)head.Size);
        var ours = entries.Where(e => e.Payload.Contains($"\"governance\":\"{governanceId}\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["governance.halt", "governance.resume"], ours.Select(e => e.Kind));
        Assert.All(ours, e => Assert.Equal("ops", e.Actor));
        Assert.Contains("incident 42", ours[0].Payload);
    }

    [Fact]
    public async Task Policy_changes_are_journaled_and_readable_per_day_through_the_client()
    {
        var governanceId = TestExperts.UniqueId("gov-journal");
        var client = new MoecraftClient(Client);
        await client.SetPolicyAsync(GovernancePolicy.Default with { LifecycleAutonomy = LifecycleAutonomy.ApplyAll }, "alice", governanceId: governanceId);
        await client.HaltAsync("drill", "alice", governanceId);
        await client.ResumeAsync("alice", governanceId);

        var node = new MoecraftSiloOptions().NodeName;
        var today = DateOnly.FromDateTime((await client.GetGovernanceEventsAsync(governanceId))[0].At.UtcDateTime);
        var day = Assert.Single(await client.GetJournalAsync(node, today));
        var entries = day.Entries.Where(e => e.Text.Contains($"'{governanceId}'")).ToList();
        Assert.Equal([JournalKinds.PolicyChange, JournalKinds.Halt, JournalKinds.Resume], entries.Select(e => e.Kind).Where(k => k != JournalKinds.Kernel));
        Assert.Contains("Policy version 1 set by alice: lifecycle dry-run -> apply-all", entries[0].Text);
        Assert.Equal(node, day.Node);
        Assert.Equal(today, day.Day);
        var yesterday = Assert.Single(await client.GetJournalAsync(node, today.AddDays(-1)));
        Assert.DoesNotContain(yesterday.Entries, e => e.Text.Contains($"'{governanceId}'"));
    }

    private async Task<List<JournalEntry>> JournalOfTodayAsync(string governanceId)
    {
        var node = new MoecraftSiloOptions().NodeName;
        var day = await Client.GetGrain<IJournalGrain>(JournalKeys.For(node, DateTimeOffset.UtcNow)).Read();
        return [.. day.Entries.Where(e => e.Text.Contains($"'{governanceId}'"))];
    }
}
