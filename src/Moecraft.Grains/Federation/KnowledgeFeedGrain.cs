using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// One origin's packets as one node holds them (SPEC 6): append-only by sequence, classified by <see cref="FeedRules"/>
/// against the stored position, written once per batch. Verification (form, signature, tier) happens in the peer grain
/// before packets reach it; this grain guards the order, so a retried batch or a second activation cannot fork it.
/// </summary>
[GrainType("knowledge-feed")]
[NodePlacement]
public sealed class KnowledgeFeedGrain(
    [PersistentState("knowledge-feed", MoecraftStorage.Name)] IPersistentState<KnowledgeFeedState> state) : Grain, IKnowledgeFeedGrain
{
    private string Origin => FederationNodes.ParseFeedKey(this.GetPrimaryKeyString()).Origin;

    public async Task<FeedAppendResult> Append(ImmutableArray<KnowledgePacket> packets, string receivedFrom, long receivedAt)
    {
        if (packets.IsDefault) throw new ArgumentException("Packets must not be a default array.", nameof(packets));
        ArgumentException.ThrowIfNullOrWhiteSpace(receivedFrom);
        if (packets.FirstOrDefault(p => p is null || p.Origin != Origin) is { } foreign)
            throw new ArgumentException($"Feed {this.GetPrimaryKeyString()} holds origin {Origin}; got a packet of {foreign.Origin}.", nameof(packets));
        if (state.State.Fork is { } fork) throw new ForkDetectedException($"Origin {Origin} is forked and quarantined: {fork}.");

        var next = state.State.Copy();
        var appended = ImmutableArray.CreateBuilder<StoredPacket>();
        var duplicates = 0;
        string? stopped = null;
        foreach (var packet in packets)
        {
            var step = FeedRules.Classify(Position(next), packet, seq => seq >= 1 && seq <= next.Packets.Count ? next.Packets[(int)seq - 1].Packet.Id : null);
            if (step == FeedStep.Duplicate)
            {
                duplicates++;
                continue;
            }
            if (step == FeedStep.Fork)
            {
                var held = next.Packets[(int)packet.Seq - 1].Packet.Id;
                next.Fork = $"seq {packet.Seq} is held as {held} and was also signed as {packet.Id}";
                await state.WriteNextAsync(next);
                throw new ForkDetectedException($"Origin {Origin} forked: {next.Fork}. Its packets are quarantined.");
            }
            if (step != FeedStep.Next)
            {
                stopped = step == FeedStep.Gap
                    ? $"seq {packet.Seq} of {Origin} arrived before seq {next.Packets.Count + 1}"
                    : $"seq {packet.Seq} of {Origin} names prev {packet.Prev ?? "null"}, not the held head {Position(next).HeadId}";
                break;
            }
            var stored = new StoredPacket(packet, receivedFrom, receivedAt);
            next.Packets.Add(stored);
            appended.Add(stored);
        }
        if (appended.Count > 0) await state.WriteNextAsync(next);
        return new FeedAppendResult(appended.ToImmutable(), duplicates, Position(state.State), stopped);
    }

    public Task<FeedPosition> GetPosition() => Task.FromResult(Position(state.State));

    public Task<ImmutableArray<StoredPacket>> ReadAfter(long afterSeq, int max)
    {
        if (afterSeq < 0) throw new ArgumentException($"A sequence is not negative, got {afterSeq}.", nameof(afterSeq));
        if (max < 1) throw new ArgumentException($"Read at least one packet, got {max}.", nameof(max));
        var from = (int)Math.Min(afterSeq, state.State.Packets.Count);
        return Task.FromResult(state.State.Packets.Skip(from).Take(max).ToImmutableArray());
    }

    public Task<string?> GetFork() => Task.FromResult(state.State.Fork);

    private FeedPosition Position(KnowledgeFeedState feed) =>
        feed.Packets.Count == 0 ? new FeedPosition(Origin, 0, null) : new FeedPosition(Origin, feed.Packets.Count, feed.Packets[^1].Packet.Id);
}
