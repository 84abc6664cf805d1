using System.Collections.Concurrent;

namespace Moecraft.Governance;

/// <summary>
/// This silo's copy of the governance snapshots its routers obey, so the request path does not call the governance grain
/// per request. Two ways in: the governance grain pushes every change to every active silo before acknowledging it (that
/// is what makes a halt immediate), and an entry older than <see cref="RefreshAfter"/> is re-read on its next use (a
/// silo that missed a push, or joined after it, catches up within seconds). A snapshot never replaces a newer one. When
/// the re-read fails the last known snapshot stays in force (SPEC 5.2: keep serving with the last known constraints).
/// </summary>
public sealed class GovernanceCache(Func<string, Task<GovernanceSnapshot>> read, TimeProvider time)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public GovernanceCache(IGrainFactory grains, TimeProvider time)
        : this(id => grains.GetGrain<IGovernanceGrain>(id).GetSnapshot(), time)
    {
    }

    /// <summary>The snapshot for <paramref name="governanceId"/>: from memory when fresh, else read from its grain.</summary>
    /// <exception cref="Exception">The grain could not be read and nothing is known yet.</exception>
    public ValueTask<GovernanceSnapshot> GetAsync(string governanceId)
    {
        if (_entries.TryGetValue(governanceId, out var entry) && time.GetElapsedTime(entry.StoredAt) < RefreshAfter)
            return ValueTask.FromResult(entry.Snapshot);
        return new ValueTask<GovernanceSnapshot>(RefreshAsync(governanceId));
    }

    /// <summary>Keeps <paramref name="snapshot"/> unless a newer revision is already here; returns what is kept.</summary>
    public GovernanceSnapshot Apply(GovernanceSnapshot snapshot)
    {
        var fresh = new Entry(snapshot, time.GetTimestamp());
        return _entries.AddOrUpdate(
            snapshot.GovernanceId, fresh,
            (_, old) => snapshot.Revision >= old.Snapshot.Revision ? fresh : old with { StoredAt = fresh.StoredAt }).Snapshot;
    }

    private async Task<GovernanceSnapshot> RefreshAsync(string governanceId)
    {
        try
        {
            return Apply(await read(governanceId));
        }
        catch when (_entries.TryGetValue(governanceId, out var known))
        {
            // Retried after another RefreshAfter, not on every request while the grain is unreachable.
            return Apply(known.Snapshot);
        }
    }

    private sealed record Entry(GovernanceSnapshot Snapshot, long StoredAt);
}
