using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Moecraft.Benchmarks.CommandLine;
using Moecraft.Benchmarks.ToyBench;
using Moecraft.Federation;

namespace Moecraft.Benchmarks.FedSync;

/// <summary>
/// <c>fedsync</c> (SPEC 6): a federation of N in-process nodes publishes, rates every peer CORE, syncs in rounds until a
/// round moves nothing, and checks that every node converged to the same clock and the same resolved keys. Prints a table
/// per round, per node and a summary; exit code 1 when the nodes diverge.
/// </summary>
internal static class FedSyncCommand
{
    public const string Name = "fedsync";

    private const string Actor = "operator:fedsync-bench";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (options, exitCode) = OptionArgs.ParseOrExit(() => FedSyncOptions.Parse(args), o => o.ShowHelp, FedSyncOptions.Usage);
        if (options is null) return exitCode!.Value;

        Console.WriteLine($"Federation sync (SPEC 6): {options.Nodes} nodes x {options.Packets} packets over {options.Keys} logical keys, seed {options.Seed}; "
            + $"{Environment.ProcessorCount} cores" + (options.Warmup > 0 ? $"; timed after a warm-up of {options.Warmup} packets per node" : ""));
        var results = new List<(string Mode, Summary Summary)>();
        if (options.Mode is FedSyncMode.InCluster or FedSyncMode.Both)
        {
            var started = Stopwatch.StartNew();
            await using var cluster = await FedSyncCluster.StartAsync(options.Nodes);
            results.Add(("in-cluster", await MeasureAsync(cluster, options, started.Elapsed)));
        }
        if (options.Mode is FedSyncMode.Across or FedSyncMode.Both)
        {
            var started = Stopwatch.StartNew();
            await using var clusters = await FedSyncClusters.StartAsync(options.Nodes, options.SiloAssembly);
            results.Add(("across clusters", await MeasureAsync(clusters, options, started.Elapsed)));
        }
        if (results.Count > 1) PrintComparison(results);
        return results.All(r => r.Summary.Passed) ? 0 : 1;
    }

    private static async Task<Summary> MeasureAsync(IFedSyncNodes federation, FedSyncOptions options, TimeSpan startup)
    {
        Console.WriteLine();
        Console.WriteLine($"== {federation.Description}");
        var nodes = federation.Nodes;

        // Publish: every node at once, each in batches of 100 (one feed write per batch). With a warm-up, its packets first.
        var workload = new FedSyncWorkload(options.Keys);
        var writers = nodes.Select((node, i) => workload.Writer(node, i, options.Seed)).ToList();
        var total = options.Warmup + options.Packets;
        var publishClock = Stopwatch.StartNew();
        var publishBatches = await PublishAllAsync(federation, writers, options.Warmup > 0 ? options.Warmup : total);
        var publish = publishClock.Elapsed;

        // Peers and an operator's ratings: every node rates every other CORE (both sides of every pair).
        var discoveryClock = Stopwatch.StartNew();
        await federation.ConnectPeersAsync();
        await Task.WhenAll(nodes.Select(async node =>
        {
            foreach (var other in nodes.Where(o => o != node)) await federation.Peer(node).SetTier(other, TrustTier.Core, Actor);
        }));
        var discovery = discoveryClock.Elapsed;

        if (options.Warmup > 0)
        {
            // The warm-up's sync is not timed; then the timed packets are published on nodes that have synced once.
            var warmClock = Stopwatch.StartNew();
            var warmRounds = await SyncUntilStillAsync(federation, options.MaxRounds);
            Console.WriteLine($"warm-up: {I(options.Warmup)} packets per node published and synced in {warmRounds.Count} rounds, {S(warmClock.Elapsed)} s (not timed)");
            publishClock.Restart();
            publishBatches = await PublishAllAsync(federation, writers, total);
            publish = publishClock.Elapsed;
        }

        // Sync rounds until one moves nothing.
        var cpuBefore = federation.ProcessorTime();
        var syncClock = Stopwatch.StartNew();
        var rounds = await SyncUntilStillAsync(federation, options.MaxRounds);
        var sync = syncClock.Elapsed;
        var cpu = federation.ProcessorTime() - cpuBefore;

        var check = await VerifyAsync(federation, workload, writers, options, rounds);
        var accepted = rounds.Sum(r => r.Accepted);
        var summary = new Summary(check.Passed, accepted, sync, cpu) { Nodes = nodes.Count };
        Print(options, nodes, writers, rounds, check, summary, publish, publishBatches, startup, discovery, federation.DatabaseBytes());
        return summary;
    }

    /// <summary>Every node at once publishes until it has published <paramref name="packets"/> in all; the batches it took.</summary>
    private static async Task<int> PublishAllAsync(IFedSyncNodes federation, IReadOnlyList<FedSyncWorkload.NodeWriter> writers, int packets) =>
        (await Task.WhenAll(writers.Select(w => PublishAsync(federation.Peer(w.Node), w, packets)))).Sum();

    /// <summary>Sync rounds until one moves nothing or <paramref name="maxRounds"/> ran.</summary>
    private static async Task<List<Round>> SyncUntilStillAsync(IFedSyncNodes federation, int maxRounds)
    {
        var rounds = new List<Round>();
        for (var number = 1; number <= maxRounds; number++)
        {
            var round = await RunRoundAsync(federation, number);
            rounds.Add(round);
            if (round.Accepted == 0) break;
        }
        return rounds;
    }

    private static async Task<int> PublishAsync(IFederationPeerGrain peer, FedSyncWorkload.NodeWriter writer, int packets)
    {
        var batches = 0;
        while (writer.Published < packets)
        {
            var drafts = writer.NextBatch(Math.Min(PacketBatch.MaxPackets, packets - writer.Published));
            writer.Record(await peer.PublishBatch(drafts));
            batches++;
        }
        return batches;
    }

    /// <summary>One round: every node pulls from every other in turn (node i from i+1, i+2, ...), all nodes at once.</summary>
    private static async Task<Round> RunRoundAsync(IFedSyncNodes cluster, int number)
    {
        var nodes = cluster.Nodes;
        var wall = Stopwatch.StartNew();
        var perNode = await Task.WhenAll(nodes.Select(async (node, i) =>
        {
            var syncs = new List<Sync>();
            for (var step = 1; step < nodes.Count; step++)
            {
                var peer = nodes[(i + step) % nodes.Count];
                var timer = Stopwatch.StartNew();
                var report = await cluster.Peer(node).SyncFrom(peer);
                syncs.Add(new Sync(node, report, timer.Elapsed));
            }
            return syncs;
        }));
        return new Round(number, [.. perNode.SelectMany(s => s)], wall.Elapsed);
    }

    private static async Task<Check> VerifyAsync(
        IFedSyncNodes cluster, FedSyncWorkload workload, IReadOnlyList<FedSyncWorkload.NodeWriter> writers, FedSyncOptions options, IReadOnlyList<Round> rounds)
    {
        var nodes = cluster.Nodes;
        var problems = new List<string>();

        var clocks = await Task.WhenAll(nodes.Select(n => cluster.Peer(n).GetClock()));
        var held = clocks.Select(c => c.Sum(p => p.Seq)).ToImmutableArray();
        var clocksEqual = clocks.All(c => c.SequenceEqual(clocks[0]));
        if (!clocksEqual)
            problems.Add("clocks differ: " + string.Join("; ", nodes.Select((n, i) => $"{n} {string.Join(",", clocks[i].Select(p => p.Seq))}")));
        var expectedHeld = (long)options.Nodes * (options.Warmup + options.Packets);
        foreach (var (node, count) in nodes.Zip(held))
            if (count != expectedHeld) problems.Add($"{node} holds {count} packets, not {expectedHeld}");
        foreach (var (node, clock) in nodes.Zip(clocks))
            if (clock.Length != nodes.Count) problems.Add($"{node}'s clock names {clock.Length} origins, not {nodes.Count}");

        var syncs = rounds.SelectMany(r => r.Syncs).ToList();
        var rejected = syncs.SelectMany(s => s.Report.Rejected).ToList();
        if (rejected.Count > 0) problems.Add($"{rejected.Count} packets rejected, first: {rejected[0]}");
        var quarantined = syncs.Sum(s => s.Report.Quarantined);
        if (quarantined > 0) problems.Add($"{quarantined} packets quarantined");
        if (rounds[^1].Accepted > 0) problems.Add($"round {rounds[^1].Number} (the last allowed by --rounds) still moved {rounds[^1].Accepted} packets");

        // Resolve a sample of keys everywhere: the same winner and conflicts on every node, and the ones the published heads predict.
        var sample = workload.SampleKeys(options.Sample);
        var diverged = 0;
        var withConflicts = 0;
        long heads = 0;
        foreach (var key in sample)
        {
            var views = await Task.WhenAll(nodes.Select(n => cluster.Peer(n).Resolve(key)));
            var (winner, conflicts) = FedSyncWorkload.Expected(key, writers);
            var mismatch = nodes.Zip(views).FirstOrDefault(v => v.Second.Winner?.Id != winner || !v.Second.Conflicts.Select(c => c.Id).SequenceEqual(conflicts));
            if (mismatch != default)
            {
                if (diverged++ == 0)
                    problems.Add($"key {key} on {mismatch.First}: winner {mismatch.Second.Winner?.Id ?? "none"} with {mismatch.Second.Conflicts.Length} conflicts, "
                        + $"expected {winner ?? "none"} with {conflicts.Length}");
            }
            if (conflicts.Length > 0) withConflicts++;
            heads += conflicts.Length + (winner is null ? 0 : 1);
        }
        if (diverged > 1) problems.Add($"{diverged} of {sample.Count} sampled keys diverge");

        return new Check(problems.Count == 0, problems, clocksEqual, held, clocks[0].Length, sample.Count, diverged, withConflicts, heads, rejected.Count, quarantined);
    }

    private static void Print(
        FedSyncOptions options, IReadOnlyList<string> nodes, IReadOnlyList<FedSyncWorkload.NodeWriter> writers, IReadOnlyList<Round> rounds, Check check,
        Summary result, TimeSpan publish, int publishBatches, TimeSpan startup, TimeSpan discovery, long databaseBytes)
    {
        // The timed publish: without the warm-up's packets.
        var published = writers.Sum(w => w.Published) - (long)writers.Count * options.Warmup;
        Console.WriteLine($"startup {S(startup)} s; publish {published} packets in {publishBatches} batches, {S(publish)} s; "
            + $"discovery + CORE ratings {S(discovery)} s");
        Console.WriteLine();

        var perRound = new TextTable(["round", "accepted", "duplicates", "batches", "rejected", "wall s", "slowest sync s", "packets/s"], labelColumns: 0);
        foreach (var round in rounds)
            perRound.Add(I(round.Number), I(round.Accepted), I(round.Syncs.Sum(s => s.Report.Duplicates)), I(round.Batches),
                I(round.Syncs.Sum(s => s.Report.Rejected.Length)), S(round.Wall), S(round.Syncs.Max(s => s.Elapsed)), Rate(round.Accepted, round.Wall));
        Console.WriteLine("Sync rounds (every node pulls from every other; nodes in parallel)");
        Console.WriteLine(perRound.ToText());

        var perNode = new TextTable(["node", "published", "held", "accepted", "batches", "sync s"]);
        for (var i = 0; i < nodes.Count; i++)
        {
            var syncs = rounds.SelectMany(r => r.Syncs).Where(s => s.Node == nodes[i]).ToList();
            perNode.Add(nodes[i], I(writers[i].Published), I(check.Held[i]), I(syncs.Sum(s => s.Report.Accepted)), I(syncs.Sum(s => s.Report.Batches)),
                S(TimeSpan.FromTicks(syncs.Sum(s => s.Elapsed.Ticks))));
        }
        Console.WriteLine("Nodes (held: packets in the node's clock; sync s: the node's SyncFrom calls, summed)");
        Console.WriteLine(perNode.ToText());

        var heldCell = check.Held.Distinct().Count() == 1 ? I(check.Held[0]) : $"{I(check.Held.Min())}-{I(check.Held.Max())}";
        var summary = new TextTable(
            ["nodes", "packets/node", "held/node", "rounds", "batches", "sync s", "packets/s", "CPU s", "CPU µs/packet", "publish s", "publish pkt/s", "db MB", "convergence"],
            labelColumns: 0);
        summary.Add(I(options.Nodes), I(options.Packets), heldCell, I(rounds.Count), I(rounds.Sum(r => r.Batches)), S(result.Sync), Rate(result.Accepted, result.Sync),
            S(result.Cpu), CpuPerPacket(result),
            S(publish), Rate(published, publish), (databaseBytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture), check.Passed ? "PASS" : "FAIL");
        Console.WriteLine("Summary (packets/s: packets accepted over all nodes per second of sync; CPU: the nodes' processor time during sync, all cores)");
        Console.WriteLine(summary.ToText());

        var verdict = check.Passed ? "PASS" : "FAIL";
        var clocks = check.ClocksEqual ? $"clocks equal on {nodes.Count} nodes ({check.Origins} origins)" : $"clocks differ across {nodes.Count} nodes";
        Console.WriteLine($"convergence: {verdict}: {clocks}; "
            + $"{check.Sampled - check.Diverged}/{check.Sampled} sampled keys resolve to the expected winner and conflicts on every node "
            + $"({check.KeysWithConflicts} with conflicts, {I(check.Heads)} heads); {check.Rejected} rejected, {check.Quarantined} quarantined");
        foreach (var problem in check.Problems) Console.WriteLine($"  divergence: {problem}");
    }

    /// <summary>The two ways side by side; per node: a node's share of the packets accepted per second of sync.</summary>
    private static void PrintComparison(IReadOnlyList<(string Mode, Summary Summary)> results)
    {
        var table = new TextTable(["federation", "accepted", "sync s", "packets/s", "packets/s per node", "CPU µs/packet", "convergence"]);
        foreach (var (mode, summary) in results)
            table.Add(mode, I(summary.Accepted), S(summary.Sync), Rate(summary.Accepted, summary.Sync), Rate(summary.Accepted / summary.Nodes, summary.Sync),
                CpuPerPacket(summary), summary.Passed ? "PASS" : "FAIL");
        Console.WriteLine();
        Console.WriteLine("In one cluster and across clusters");
        Console.WriteLine(table.ToText());
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string S(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);

    private static string CpuPerPacket(Summary summary) =>
        summary.Accepted == 0 ? "-" : (summary.Cpu.TotalMicroseconds / summary.Accepted).ToString("F0", CultureInfo.InvariantCulture);

    private static string Rate(long count, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? "-" : (count / elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);

    private sealed record Summary(bool Passed, long Accepted, TimeSpan Sync, TimeSpan Cpu)
    {
        public int Nodes { get; init; } = 1;
    }

    private sealed record Sync(string Node, SyncReport Report, TimeSpan Elapsed);

    private sealed record Round(int Number, ImmutableArray<Sync> Syncs, TimeSpan Wall)
    {
        public int Accepted => Syncs.Sum(s => s.Report.Accepted);

        public int Batches => Syncs.Sum(s => s.Report.Batches);
    }

    private sealed record Check(
        bool Passed, IReadOnlyList<string> Problems, bool ClocksEqual, ImmutableArray<long> Held, int Origins, int Sampled, int Diverged,
        int KeysWithConflicts, long Heads, int Rejected, int Quarantined);
}
