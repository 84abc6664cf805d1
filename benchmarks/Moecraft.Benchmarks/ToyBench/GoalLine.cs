namespace Moecraft.Benchmarks.ToyBench;

/// <summary>One goal of BENCHMARKS 1 and its outcome: passed, failed, or not measured (null) by the runs at hand.</summary>
internal sealed record GoalLine(string Goal, bool? Passed, string Detail)
{
    public string Verdict => Passed switch { true => "PASS", false => "FAIL", null => "n/a" };
}
