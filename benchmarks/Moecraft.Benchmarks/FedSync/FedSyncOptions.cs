using Moecraft.Benchmarks.CommandLine;
using static Moecraft.Benchmarks.CommandLine.OptionArgs;

namespace Moecraft.Benchmarks.FedSync;

/// <summary>The <c>fedsync</c> command line (SPEC 6 federation sync): how many nodes, packets and keys, and how many rounds at most.</summary>
internal sealed record FedSyncOptions
{
    public const int MaxNodes = 16;

    public const string Usage = """
        fedsync [--nodes 3] [--packets 1000] [--keys 300] [--rounds 10] [--sample 100] [--seed 7]
                [--mode both|in-cluster|across] [--silo <Moecraft.Silo.dll>] [--warmup 0]
            in-cluster: --nodes in-process silos of one cluster, each its own federation node (own node name and key),
            on one temporary SQLite database, syncing by grain calls; across: --nodes silo processes, each a cluster of
            its own (own SQLite database and key), adding each other by address and syncing through the signed federation
            HTTP surface (the Release silo, built when missing, or --silo); both (the default): one after the other, with
            a table comparing them. Every node publishes --packets packets (batches of 100) over --keys logical keys, so nodes
            write the same keys concurrently; every node discovers the others and rates them CORE; then sync rounds
            (every node pulls from every other, nodes in parallel) until a round moves nothing or --rounds ran.
            Checks convergence: equal clocks, every node holds nodes x packets, and --sample keys resolve to the same
            winner and conflicts on every node, the ones the published heads predict. Exit code 1 on divergence.
            --warmup N: first every node publishes N packets and the nodes sync them (not timed), so the timed sync of
            --packets more runs on nodes that have synced before (code compiled, connections open): steady state rather
            than a node's first sync after it started.
        """;

    public int Nodes { get; init; } = 3;

    /// <summary>Packets each node publishes.</summary>
    public int Packets { get; init; } = 1000;

    /// <summary>The logical keys the packets spread over (a few hundred: every key is written by several nodes).</summary>
    public int Keys { get; init; } = 300;

    /// <summary>The most sync rounds run; the run stops earlier at the first round that moves nothing.</summary>
    public int MaxRounds { get; init; } = 10;

    /// <summary>How many keys the convergence check resolves on every node (spread evenly over the key space).</summary>
    public int Sample { get; init; } = 100;

    public int Seed { get; init; } = 7;

    public FedSyncMode Mode { get; init; } = FedSyncMode.Both;

    /// <summary>Packets each node publishes and syncs before the timed part (0: the timed sync is the nodes' first).</summary>
    public int Warmup { get; init; }

    /// <summary>The silo the across mode starts; null: the repository's Release build.</summary>
    public string? SiloAssembly { get; init; }

    public bool ShowHelp { get; init; }

    /// <exception cref="ArgumentException">An unknown option, a missing value or a value out of range.</exception>
    public static FedSyncOptions Parse(IReadOnlyList<string> args) =>
        OptionArgs.Parse(args, new FedSyncOptions(), o => o with { ShowHelp = true }, (options, name, value) => name switch
        {
            "--nodes" => options with { Nodes = Int(name, value, 2) is var n && n <= MaxNodes ? n : throw new ArgumentException($"Option --nodes takes 2 to {MaxNodes}, got '{value}'.") },
            "--packets" => options with { Packets = Int(name, value, 1) },
            "--keys" => options with { Keys = Int(name, value, 1) },
            "--rounds" => options with { MaxRounds = Int(name, value, 1) },
            "--sample" => options with { Sample = Int(name, value, 1) },
            "--seed" => options with { Seed = Int(name, value) },
            "--mode" => options with
            {
                Mode = value switch
                {
                    "both" => FedSyncMode.Both,
                    "in-cluster" => FedSyncMode.InCluster,
                    "across" => FedSyncMode.Across,
                    _ => throw new ArgumentException($"Option --mode takes both, in-cluster or across, got '{value}'."),
                },
            },
            "--silo" => options with { SiloAssembly = value },
            "--warmup" => options with { Warmup = Int(name, value) is var w and >= 0 ? w : throw new ArgumentException($"Option --warmup takes 0 or more packets, got '{value}'.") },
            _ => throw new ArgumentException($"Unknown option {name}."),
        });
}

/// <summary>Which federation <c>fedsync</c> measures.</summary>
internal enum FedSyncMode
{
    Both,
    InCluster,
    Across,
}
