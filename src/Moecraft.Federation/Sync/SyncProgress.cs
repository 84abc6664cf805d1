using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// One sync from a peer as it goes (SPEC 6): the batches pulled, what storing each did, and whether to ask for the next.
/// It stops when a batch comes back empty, when the peer says nothing more waits, when nothing of a batch could be
/// stored (asking again would bring the same), or after <see cref="MaxBatches"/> (the next sync resumes from the clock).
/// </summary>
public sealed class SyncProgress(string peer)
{
    /// <summary>A sync stops after this many batches even if the peer keeps sending.</summary>
    public const int MaxBatches = 1_000;

    private readonly List<string> _rejected = [];
    private int _accepted, _quarantined, _duplicates;
    private bool _caughtUp;

    public int Batches { get; private set; }

    public bool Done => _caughtUp || Batches >= MaxBatches;

    /// <summary>Counts a pulled batch; false when it is empty (nothing to store, the sync is done).</summary>
    public bool Pulled(PacketBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Batches++;
        _caughtUp = batch.Packets.IsDefaultOrEmpty;
        return !_caughtUp;
    }

    /// <summary>Adds what storing <paramref name="batch"/> did.</summary>
    public void Stored(PacketBatch batch, SyncReport stored)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(stored);
        (_accepted, _quarantined, _duplicates) = (_accepted + stored.Accepted, _quarantined + stored.Quarantined, _duplicates + stored.Duplicates);
        if (!stored.Rejected.IsDefault) _rejected.AddRange(stored.Rejected);
        _caughtUp = !batch.More || stored.Accepted + stored.Duplicates == 0;
    }

    /// <summary>The sync's report, with this node's clock after it.</summary>
    public SyncReport Report(ImmutableArray<FeedPosition> clock) => new(peer, Batches, _accepted, _quarantined, _duplicates, [.. _rejected], clock);
}
