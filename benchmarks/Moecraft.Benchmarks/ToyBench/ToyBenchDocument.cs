namespace Moecraft.Benchmarks.ToyBench;

/// <summary>What the toy bench writes as JSON (and reads back to merge runs made in separate processes).</summary>
/// <param name="CommandLines">The command line of each process whose runs are in here.</param>
internal sealed record ToyBenchDocument(
    DateTimeOffset Written,
    string Machine,
    string[] CommandLines,
    ToyBenchRunResult[] Runs,
    BimodalityCheckResult? Bimodality,
    GoalLine[] Goals);
