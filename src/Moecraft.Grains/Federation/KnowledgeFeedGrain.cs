using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// One origin's packets as one node holds them (SPEC 6): append-only by sequence, classified by <see cref="FeedRules"/>
/// against the held position, stored one row per packet (<see cref="IKnowledgeStore"/>), so an append costs what it
/// adds however long the feed is. The store's key is the expected-sequence check: when another activation appended
/// first, this one re-reads the feed and classifies again. Verification (form, signature, tier) happens in the
/// knowledge sync grain before packets reach it.
/// </summary>
[GrainType("knowledge-feed")]
[NodePlacement]
public sealed class KnowledgeFeedGrain(IKnowledgeStore store) : Grain, IKnowledgeFeedGrain
{
    private const int ReadPage = 10_000;

    private List<StoredPacket>? _packets;
    private string? _fork;

    private (string Holder, string Origin)? _key;

    // Parsed once: the position of every packet of a batch reads it.
    private (string Holder, string Origin) Key => _key ??= FederationNodes.ParseFeedKey(this.GetPrimaryKeyString());

    public async Task<FeedAppendResult> Append(ImmutableArray<KnowledgePacket> packets, string receivedFrom, long receivedAt)
    {
        if (packets.IsDefault) throw new ArgumentException("Packets must not be a default array.", nameof(packets));
        ArgumentException.ThrowIfNullOrWhiteSpace(receivedFrom);
        var (holder, origin) = Key;
        if (packets.FirstOrDefault(p => p is null || p.Origin != origin) is { } foreign)
            throw new ArgumentException($"Feed {holder}/{origin} holds origin {origin}; got a packet of {foreign?.Origin}.", nameof(packets));

        for (var attempt = 0; ; attempt++)
        {
            var held = await LoadAsync();
            if (_fork is { } fork) throw new ForkDetectedException($"Origin {origin} is forked and quarantined: {fork}.");
            var (appended, duplicates, stopped, forkDetail) = Classify(held, packets, receivedFrom, receivedAt);
            if (forkDetail is not null)
            {
                await store.MarkForkedAsync(holder, origin, forkDetail);
                _fork = forkDetail;
                throw new ForkDetectedException($"Origin {origin} forked: {forkDetail}. Its packets are quarantined.");
            }
            if (appended.Count == 0 || await store.TryAppendAsync(holder, origin, appended))
            {
                held.AddRange(appended);
                return new FeedAppendResult([.. appended], duplicates, Position(held), stopped);
            }
            // Another activation stored first: re-read what is stored and decide again.
            _packets = null;
            if (attempt == 1) throw new InvalidOperationException($"Feed {holder}/{origin} changed under two appends in a row; retry the batch.");
        }
    }

    public async Task<FeedPosition> GetPosition() => Position(await LoadAsync());

    public async Task<ImmutableArray<StoredPacket>> ReadAfter(long afterSeq, int max)
    {
        if (afterSeq < 0) throw new ArgumentException($"A sequence is not negative, got {afterSeq}.", nameof(afterSeq));
        if (max < 1) throw new ArgumentException($"Read at least one packet, got {max}.", nameof(max));
        var held = await LoadAsync();
        var from = (int)Math.Min(afterSeq, held.Count);
        return [.. held.Skip(from).Take(max)];
    }

    public async Task<string?> GetFork()
    {
        await LoadAsync();
        return _fork;
    }

    /// <summary>The packets to store (in order), duplicates, why the batch stopped early, and a fork's detail (null when none).</summary>
    private (List<StoredPacket> Appended, int Duplicates, string? Stopped, string? Fork) Classify(
        List<StoredPacket> held, ImmutableArray<KnowledgePacket> packets, string receivedFrom, long receivedAt)
    {
        var appended = new List<StoredPacket>();
        var duplicates = 0;
        string IdAt(long seq) => (seq <= held.Count ? held[(int)seq - 1] : appended[(int)(seq - held.Count) - 1]).Packet.Id;
        foreach (var packet in packets)
        {
            var position = Position(held, appended);
            switch (FeedRules.Classify(position, packet, seq => seq >= 1 && seq <= position.Seq ? IdAt(seq) : null))
            {
                case FeedStep.Duplicate:
                    duplicates++;
                    continue;
                case FeedStep.Fork:
                    return (appended, duplicates, null, $"seq {packet.Seq} is held as {IdAt(packet.Seq)} and was also signed as {packet.Id}");
                case FeedStep.Gap:
                    return (appended, duplicates, $"seq {packet.Seq} of {packet.Origin} arrived before seq {position.Seq + 1}", null);
                case FeedStep.BrokenChain:
                    return (appended, duplicates, $"seq {packet.Seq} of {packet.Origin} names prev {packet.Prev ?? "null"}, not the held head {position.HeadId}", null);
                default:
                    appended.Add(new StoredPacket(packet, receivedFrom, receivedAt));
                    break;
            }
        }
        return (appended, duplicates, null, null);
    }

    private async Task<List<StoredPacket>> LoadAsync()
    {
        if (_packets is not null) return _packets;
        var (holder, origin) = Key;
        var packets = new List<StoredPacket>();
        while (true)
        {
            var page = await store.ReadAsync(holder, origin, packets.Count, ReadPage);
            packets.AddRange(page);
            if (page.Count < ReadPage) break;
        }
        _fork = await store.ReadForkAsync(holder, origin);
        return _packets = packets;
    }

    private FeedPosition Position(List<StoredPacket> held, List<StoredPacket>? pending = null)
    {
        var last = pending is { Count: > 0 } ? pending[^1] : held.Count > 0 ? held[^1] : null;
        return new FeedPosition(Key.Origin, held.Count + (pending?.Count ?? 0), last?.Packet.Id);
    }
}
