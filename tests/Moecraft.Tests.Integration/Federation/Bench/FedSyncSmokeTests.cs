using System.Globalization;
using System.Text.RegularExpressions;
using Moecraft.Tests.Infrastructure;

namespace Moecraft.Tests.Federation.Bench;

/// <summary>
/// The federation sync benchmark (SPEC 6) as a user runs it, <c>benchmarks/Moecraft.Benchmarks -- fedsync</c>, with small
/// numbers: three nodes publish 150 packets each over 40 keys (every key written by every node), sync in rounds and check
/// convergence, first as in-process silos of one cluster, then as three silo processes that are clusters of their own. The tables are read back, so a node that ends up short, a sync that moves too much or
/// too little, or a check that never runs fails the test.
/// </summary>
public sealed class FedSyncSmokeTests
{
    private const int Nodes = 3;
    private const int Packets = 150;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Three_nodes_converge_and_every_node_holds_every_packet_in_one_cluster_and_across_clusters()
    {
        var run = await DotnetCommand.RunAsync(
            [RepositoryPaths.BenchmarksAssembly, "fedsync", "--nodes", $"{Nodes}", "--packets", $"{Packets}", "--keys", "40", "--sample", "40", "--seed", "3",
             "--silo", RepositoryPaths.SiloAssembly],
            Timeout);

        Assert.True(run.ExitCode == 0, $"fedsync exited {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.DoesNotContain("divergence:", run.Output);

        // One section per federation, each with its own tables, then the comparison.
        var starts = lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("== ", StringComparison.Ordinal)).Select(l => l.i).ToArray();
        Assert.Equal(2, starts.Length);
        Assert.Contains("in-process silos of one cluster", lines[starts[0]]);
        Assert.Contains("separate clusters", lines[starts[1]]);
        var comparisonAt = Array.FindIndex(lines, l => l.StartsWith("In one cluster and across clusters", StringComparison.Ordinal));
        Assert.True(comparisonAt > starts[1], run.Output);
        AssertConverged(lines[starts[0]..starts[1]]);
        AssertConverged(lines[starts[1]..comparisonAt]);

        var comparison = Table(lines[comparisonAt..], "federation");
        Assert.Equal(["in-cluster", "across clusters"], comparison.Select(r => r["federation"]));
        Assert.All(comparison, row =>
        {
            Assert.Equal(Nodes * (Nodes - 1) * Packets, Int(row["accepted"]));
            Assert.Equal("PASS", row["convergence"]);
        });
    }

    [Fact]
    public async Task A_warm_up_is_synced_untimed_and_the_timed_rounds_move_only_the_packets_published_after_it()
    {
        const int warmup = 90;
        var run = await DotnetCommand.RunAsync(
            [RepositoryPaths.BenchmarksAssembly, "fedsync", "--nodes", $"{Nodes}", "--packets", $"{Packets}", "--warmup", $"{warmup}", "--keys", "40",
             "--sample", "40", "--seed", "3", "--mode", "in-cluster"],
            Timeout);

        Assert.True(run.ExitCode == 0, $"fedsync exited {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains($"timed after a warm-up of {warmup} packets per node", lines[0]);
        Assert.StartsWith($"warm-up: {warmup} packets per node published and synced in ", Assert.Single(lines, l => l.StartsWith("warm-up:", StringComparison.Ordinal)));
        AssertConverged(lines, warmup);
    }

    /// <summary><paramref name="warmup"/>: packets each node published and synced before the timed part.</summary>
    private static void AssertConverged(string[] lines, int warmup = 0)
    {
        // Per node: published, held (the clock's packets), accepted by sync.
        var perNode = Table(lines, "node");
        Assert.Equal(Nodes, perNode.Count);
        Assert.Equal(Nodes, perNode.Select(r => r["node"]).Distinct().Count());
        Assert.All(perNode, row =>
        {
            Assert.Equal(Packets + warmup, Int(row["published"]));
            Assert.Equal(Nodes * (Packets + warmup), Int(row["held"]));
            Assert.Equal((Nodes - 1) * Packets, Int(row["accepted"]));
        });

        // Rounds: everything moves before the last round, which moves nothing.
        var rounds = Table(lines, "round");
        Assert.InRange(rounds.Count, 2, 10);
        Assert.Equal(Nodes * (Nodes - 1) * Packets, rounds.Sum(r => Int(r["accepted"])));
        Assert.Equal(0, Int(rounds[^1]["accepted"]));
        Assert.All(rounds, r => Assert.Equal(0, Int(r["rejected"])));

        var summary = Assert.Single(Table(lines, "nodes"));
        Assert.Equal(Nodes, Int(summary["nodes"]));
        Assert.Equal(Packets, Int(summary["packets/node"]));
        Assert.Equal(Nodes * (Packets + warmup), Int(summary["held/node"]));
        Assert.Equal(rounds.Count, Int(summary["rounds"]));
        Assert.True(double.Parse(summary["packets/s"], CultureInfo.InvariantCulture) > 0, summary["packets/s"]);
        Assert.Equal("PASS", summary["convergence"]);

        var verdict = Assert.Single(lines, l => l.StartsWith("convergence:", StringComparison.Ordinal));
        Assert.StartsWith($"convergence: PASS: clocks equal on {Nodes} nodes ({Nodes} origins); 40/40 sampled keys", verdict);
        // 40 keys, 150 packets per node in batches of distinct keys: every node writes every key, so every key has a conflict.
        Assert.Contains("(40 with conflicts, 120 heads)", verdict);
    }

    [Fact]
    public async Task Bad_arguments_are_reported_with_the_usage()
    {
        var run = await DotnetCommand.RunAsync([RepositoryPaths.BenchmarksAssembly, "fedsync", "--nodes", "1"], Timeout);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Option --nodes needs a whole number of at least 2", run.Error);
        Assert.Contains("fedsync [--nodes 3]", run.Error);
    }

    /// <summary>The rows of the aligned table whose header starts with <paramref name="firstColumn"/>, as header-to-cell maps.</summary>
    private static List<Dictionary<string, string>> Table(string[] lines, string firstColumn)
    {
        var header = Array.FindIndex(lines, l => l.TrimStart().Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } cells && cells[0] == firstColumn);
        Assert.True(header >= 0, $"No table starting with '{firstColumn}' in:\n{string.Join('\n', lines)}");
        var columns = Split(lines[header]);
        Assert.StartsWith("-", lines[header + 1].TrimStart());
        var rows = new List<Dictionary<string, string>>();
        for (var i = header + 2; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            var cells = Split(lines[i]);
            Assert.True(cells.Length == columns.Length, $"Row '{lines[i]}' has {cells.Length} cells for {columns.Length} columns");
            rows.Add(columns.Zip(cells).ToDictionary(c => c.First, c => c.Second));
        }
        return rows;
    }

    // Columns are separated by two or more spaces; headers hold single spaces ("wall s").
    private static string[] Split(string line) => Regex.Split(line.Trim(), " {2,}");

    private static int Int(string cell) => int.Parse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
