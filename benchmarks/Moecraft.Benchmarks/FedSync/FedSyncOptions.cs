using Moecraft.Benchmarks.CommandLine;
using static Moecraft.Benchmarks.CommandLine.OptionArgs;

namespace Moecraft.Benchmarks.FedSync;

/// <summary>The <c>fedsync</c> command line (SPEC 6 federation sync): how many nodes, packets and keys, and how many rounds at most.</summary>
internal sealed record FedSyncOptions
{
    public const int MaxNodes = 16;

    public const string Usage = """
        fedsync [--nodes 3] [--packets 1000] [--keys 300] [--rounds 10] [--sample 100] [--seed 7]
            starts --nodes in-process silos, each its own federation node (own node name and key), on one temporary
            SQLite database; every node publishes --packets packets (batches of 100) over --keys logical keys, so nodes
            write the same keys concurrently; every node discovers the others and rates them CORE; then sync rounds
            (every node pulls from every other, nodes in parallel) until a round moves nothing or --rounds ran.
            Checks convergence: equal clocks, every node holds nodes x packets, and --sample keys resolve to the same
            winner and conflicts on every node, the ones the published heads predict. Exit code 1 on divergence.
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
            _ => throw new ArgumentException($"Unknown option {name}."),
        });
}
