namespace Moecraft.Federation;

/// <summary>
/// Classifies a packet against the feed held for its origin (SPEC 6): only <c>seq == clock + 1</c> with the right
/// <c>prev</c> extends it; the same packet again is idempotent; another packet at a held sequence is a fork.
/// </summary>
public static class FeedRules
{
    /// <param name="position">The holder's position on the packet's origin feed (highest contiguous seq and its id).</param>
    /// <param name="packet">A packet that passed <see cref="PacketVerifier"/>.</param>
    /// <param name="idAtSeq">The id of the held packet at a sequence in <c>1..position.Seq</c>.</param>
    /// <exception cref="ArgumentException">The packet is from another origin, or the position is inconsistent.</exception>
    /// <exception cref="InvalidOperationException">No id is held at a sequence the position says is held.</exception>
    public static FeedStep Classify(FeedPosition position, KnowledgePacket packet, Func<long, string?> idAtSeq)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(idAtSeq);
        if (!string.Equals(position.Origin, packet.Origin, StringComparison.Ordinal))
            throw new ArgumentException($"The packet is from origin {packet.Origin}, not the feed's origin {position.Origin}.", nameof(packet));
        if (position.Seq < 0 || (position.Seq == 0) != (position.HeadId is null))
            throw new ArgumentException($"Feed position {position.Seq} with head {position.HeadId ?? "null"} is inconsistent: only position 0 has no head.", nameof(position));

        if (packet.Seq <= position.Seq)
        {
            // Compare ids, not contents: the id is the hash of everything signed, so equal ids are the same packet.
            var held = idAtSeq(packet.Seq)
                ?? throw new InvalidOperationException($"No packet is held at seq {packet.Seq} of {position.Origin}, below the position {position.Seq}.");
            return string.Equals(held, packet.Id, StringComparison.Ordinal) ? FeedStep.Duplicate : FeedStep.Fork;
        }
        if (packet.Seq > position.Seq + 1) return FeedStep.Gap;
        return string.Equals(packet.Prev, position.HeadId, StringComparison.Ordinal) ? FeedStep.Next : FeedStep.BrokenChain;
    }
}
