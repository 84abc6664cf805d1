namespace Moecraft.Routing;

/// <summary>
/// A router layer's health history, kept apart from the per-step state so that a training step does not rewrite it:
/// snapshots oldest first, at most the configured number, the oldest dropped. A snapshot is due only when the router
/// moved since the last one (a step was observed or an epoch began), so an idle router does not fill its history with
/// copies. Ids are a persisted contract: never reorder or reuse them.
/// </summary>
[GenerateSerializer, Alias("moecraft.RouterHealthLog")]
public sealed class RouterHealthLog
{
    /// <summary>Epoch boundaries kept in the router's state, the most recent first dropped last.</summary>
    public const int EpochsKept = 64;

    [Id(0)] public List<RouterHealthSnapshot> Snapshots { get; set; } = [];

    /// <summary>Whether a router at <paramref name="steps"/> observed steps in <paramref name="epoch"/> differs from the newest snapshot.</summary>
    public bool IsDue(long steps, int epoch) => Snapshots.Count == 0
        ? steps > 0
        : Snapshots[^1].Steps != steps || Snapshots[^1].Epoch != epoch;

    /// <summary>A copy with <paramref name="snapshot"/> appended and the oldest beyond <paramref name="kept"/> dropped; this log is unchanged.</summary>
    public RouterHealthLog With(RouterHealthSnapshot snapshot, int kept)
    {
        var next = new RouterHealthLog { Snapshots = [.. Snapshots] };
        Bounded.Append(next.Snapshots, snapshot, kept);
        return next;
    }

    /// <summary>Appends an epoch boundary to a router's list of them, dropping the oldest beyond <see cref="EpochsKept"/>.</summary>
    public static void AddEpoch(List<EpochBoundary> epochs, EpochBoundary boundary) => Bounded.Append(epochs, boundary, EpochsKept);
}
