namespace Moecraft.Experts.Replay;

/// <summary>Which half of a replay dataset an item belongs to: feedback is given on train items only (BENCHMARKS 2).</summary>
public enum ReplaySplit
{
    Train,
    Test,
}
