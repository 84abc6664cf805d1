namespace Moecraft.Kernel;

/// <summary>Dwell arithmetic of the two-step commit (SPEC 5.2): a proposal may be committed once its clock moved on by the dwell.</summary>
public static class KeeperDwell
{
    /// <summary>Ticks still to wait at <paramref name="now"/> for a proposal made at <paramref name="proposedAt"/>; 0 once it may commit.</summary>
    public static long Remaining(long proposedAt, long now, long dwell)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dwell);
        return Math.Max(0, proposedAt + dwell - now);
    }

    public static bool IsOver(long proposedAt, long now, long dwell) => Remaining(proposedAt, now, dwell) == 0;
}
