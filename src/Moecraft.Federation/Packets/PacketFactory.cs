using System.Buffers.Text;
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
