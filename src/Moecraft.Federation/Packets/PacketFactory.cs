using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text;
using Moecraft.Canonical;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>
/// Turns a draft into a signed knowledge packet on its origin (SPEC 6): validates it, canonicalises the content, hashes it,
/// computes the id over the canonical bytes and signs those same bytes with the node key.
/// </summary>
public static class PacketFactory
{
    /// <summary>The packet at <paramref name="seq"/> on the signer's feed, following <paramref name="prev"/>.</summary>
    /// <param name="prev">Id of the signer's packet <c>seq - 1</c>; null exactly when <paramref name="seq"/> is 1.</param>
    /// <param name="timestamp">Unix milliseconds.</param>
    /// <exception cref="ArgumentException">The draft or the feed link is not valid; the message names the problem.</exception>
    public static KnowledgePacket Create(PacketDraft draft, long seq, string? prev, long timestamp, INodeSigner signer)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(signer);
        Require(PacketRules.KindProblem(draft.Kind));
        Require(PacketRules.KeyProblem(draft.Key));
        Require(PacketRules.LinksProblem("deps", draft.Deps));
        Require(PacketRules.LinksProblem("supersedes", draft.Supersedes));
        Require(PacketRules.SourcesProblem(draft.Sources));
        Require(PacketRules.ChainProblem(seq, prev));
        Require(PacketRules.TimestampProblem(timestamp));

        var canonical = CanonicalContent(draft.Content);
        var content = Encoding.UTF8.GetString(canonical);
        var packet = new KnowledgePacket(
            Id: "", signer.NodeId, seq, prev, timestamp, draft.Kind, draft.Key, content, PacketCanonical.Id(canonical),
            draft.Deps, draft.Supersedes, draft.Sources, Signature: "");
        // The id and the signature cover the same bytes, so a verifier recomputes them once.
        var bytes = PacketCanonical.Bytes(packet, canonical);
        return packet with { Id = PacketCanonical.Id(bytes), Signature = Base64Url.EncodeToString(signer.Sign(bytes)) };
    }

    /// <summary>
    /// Drafts published as one batch on <paramref name="node"/>'s own feed: chained one after the other from the feed's head
    /// (<paramref name="head"/>), each dependency held already (<paramref name="held"/>) or published earlier in the batch.
    /// </summary>
    /// <exception cref="ArgumentException">A draft is not valid or names a dependency not held; nothing is made.</exception>
    public static ImmutableArray<KnowledgePacket> Chain(
        IReadOnlyList<PacketDraft> drafts, FeedPosition head, Func<string, bool> held, long timestamp, INodeSigner signer, string node)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(held);
        var packets = ImmutableArray.CreateBuilder<KnowledgePacket>(drafts.Count);
        foreach (var draft in drafts)
        {
            ArgumentNullException.ThrowIfNull(draft);
            if (!draft.Deps.IsDefault && draft.Deps.FirstOrDefault(d => !held(d) && !packets.Any(p => p.Id == d)) is { } missing)
                throw new ArgumentException($"Dependency {missing} is not held on node '{node}': publish or sync it first. Nothing was published.", nameof(drafts));
            var (seq, prev) = packets.Count == 0 ? (head.Seq, head.HeadId) : (packets[^1].Seq, packets[^1].Id);
            packets.Add(Create(draft, seq + 1, prev, timestamp, signer));
        }
        return packets.MoveToImmutable();
    }

    private static byte[] CanonicalContent(string? json)
    {
        if (string.IsNullOrEmpty(json)) throw new ArgumentException("Invalid packet: the content is empty; it must be JSON.");
        byte[] canonical;
        try
        {
            canonical = CanonicalJson.Canonicalize(json);
        }
        catch (CanonicalJsonException ex)
        {
            // No inner exception: this crosses grain calls, and the message says it all.
            throw new ArgumentException($"Invalid packet: the content is not JSON that can be made canonical: {ex.Message}");
        }
        Require(PacketRules.CanonicalContentProblem(canonical));
        return canonical;
    }

    private static void Require(string? problem)
    {
        if (problem is not null) throw new ArgumentException($"Invalid packet: {problem}.");
    }
}
