using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// One sync from a peer as it goes (SPEC 6): the batches pulled, what storing each did, and whether to ask for the next.
/// It stops when a batch comes back empty, when the peer says nothing more waits, when nothing of a batch could be
/// stored (asking again would bring the same), or after <see cref="MaxBatches"/> (the next sync resumes from the clock).
/// The next batch may be asked for while one is stored, after the clock that batch brings (<see cref="ClockAfter"/>); it
/// is used only when the batch was stored whole (<see cref="StoredWhole"/>), otherwise the sync asks again after the
/// node's clock as stored.
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

    /// <summary>
    /// The clock a node that held <paramref name="clock"/> holds once <paramref name="batch"/> is stored whole: each origin
    /// of the batch at its last packet (never behind where it was), the other origins as they were; origins in ordinal order.
    /// </summary>
    public static ImmutableArray<FeedPosition> ClockAfter(ImmutableArray<FeedPosition> clock, PacketBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var positions = new SortedDictionary<string, FeedPosition>(StringComparer.Ordinal);
        if (!clock.IsDefault)
            foreach (var position in clock)
                if (position is not null) positions[position.Origin] = position;
        if (!batch.Packets.IsDefault)
            foreach (var packet in batch.Packets)
                if (packet is not null && (!positions.TryGetValue(packet.Origin, out var held) || held.Seq < packet.Seq))
                    positions[packet.Origin] = new FeedPosition(packet.Origin, packet.Seq, packet.Id);
        return [.. positions.Values];
    }

    /// <summary>
    /// Whether storing <paramref name="batch"/> left nothing of it behind: every packet stored or held already, none rejected
    /// or waiting, so <see cref="ClockAfter"/> is the node's clock and a batch asked for after it follows on.
    /// </summary>
    public static bool StoredWhole(PacketBatch batch, SyncReport stored)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Rejected.IsDefaultOrEmpty && stored.Accepted + stored.Duplicates == (batch.Packets.IsDefault ? 0 : batch.Packets.Length);
    }

    /// <summary>The sync's report, with this node's clock after it.</summary>
    public SyncReport Report(ImmutableArray<FeedPosition> clock) => new(peer, Batches, _accepted, _quarantined, _duplicates, [.. _rejected], clock);
}
