using System.Buffers.Text;
using Moecraft.Canonical;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>
/// Checks a knowledge packet from anywhere (SPEC 6 sync, step "canonical form, signature, id"): structure, origin, canonical
/// content, content hash, id and the origin's signature. Feed position, tier and dependencies are the caller's checks.
/// </summary>
public static class PacketVerifier
{
    /// <summary>The length of an unpadded base64url Ed25519 signature (64 bytes).</summary>
    public const int SignatureTextLength = SignedForms.SignatureTextLength;

    /// <summary>Null when <paramref name="packet"/> is valid, otherwise why not. Never throws, whatever the packet holds.</summary>
    public static string? Failure(KnowledgePacket? packet) => Failure(packet, PacketChecks.Full);

    /// <summary>
    /// <see cref="Failure(KnowledgePacket?)"/> with the checks <paramref name="checks"/> names: all of them, or the form
    /// only (<see cref="FormFailure"/>). Never throws.
    /// </summary>
    public static string? Failure(KnowledgePacket? packet, PacketChecks checks)
    {
        try
        {
            // Well formed means the packet, its content and the origin's key are there.
            return Form(packet, out var publicKey) ?? (checks == PacketChecks.Form ? null : Check(packet!, publicKey!));
        }
        catch (Exception ex)
        {
            // Every expected failure is reported above; this is the backstop that keeps garbage from a peer from throwing.
            return $"malformed packet: {ex.GetType().Name}: {ex.Message}";
        }
    }

    /// <summary>True when <see cref="Failure(KnowledgePacket?)"/> is null.</summary>
    public static bool IsValid(KnowledgePacket? packet) => Failure(packet) is null;

    /// <summary>
    /// Null when <paramref name="packet"/> is well formed (kind, key, chain link, timestamp, links, sources, the spelling of
    /// its id, content hash and origin, content present), otherwise why not: the content, the hashes and the signature are
    /// not checked. Never throws.
    /// </summary>
    public static string? FormFailure(KnowledgePacket? packet) => Failure(packet, PacketChecks.Form);

    private static string? Form(KnowledgePacket? packet, out byte[]? publicKey)
    {
        publicKey = null;
        if (packet is null) return "no packet";
        var structural = PacketRules.KindProblem(packet.Kind)
            ?? PacketRules.KeyProblem(packet.Key)
            ?? PacketRules.ChainProblem(packet.Seq, packet.Prev)
            ?? PacketRules.TimestampProblem(packet.Timestamp)
            ?? PacketRules.LinksProblem("deps", packet.Deps)
            ?? PacketRules.LinksProblem("supersedes", packet.Supersedes)
            ?? PacketRules.SourcesProblem(packet.Sources);
        if (structural is not null) return structural;
        if (!PacketRules.IsPacketId(packet.Id)) return "the id is not 64 lower-case hex digits";
        if (!PacketRules.IsPacketId(packet.ContentSha256)) return "content_sha256 is not 64 lower-case hex digits";
        if (!NodeIds.TryGetPublicKey(packet.Origin, out publicKey)) return "the origin is not a node id (unpadded base64url of a 32-byte Ed25519 key)";
        if (packet.Content is null) return "the content is missing";
        return null;
    }

    /// <summary>The checks past the form: canonical content, content hash, id and the origin's signature.</summary>
    private static string? Check(KnowledgePacket packet, byte[] publicKey)
    {
        byte[] content;
        try
        {
            content = CanonicalJson.Encode(packet.Content);
            CanonicalJson.RequireCanonical(content);
        }
        catch (CanonicalJsonException ex)
        {
            return $"the content is not canonical JSON: {ex.Message}";
        }
        if (PacketRules.CanonicalContentProblem(content) is { } contentProblem) return contentProblem;
        if (!PacketCanonical.IsHashOf(packet.ContentSha256, content)) return "content hash mismatch: content_sha256 is not the SHA-256 of the content";

        // The signed bytes are read where they were written: no copy for the id's hash and the signature.
        using var output = new MemoryStream(content.Length + 512);
        try
        {
            PacketCanonical.Write(output, packet, content);   // the content was found canonical above
        }
        catch (Exception ex) when (ex is CanonicalJsonException or ArgumentException)
        {
            return $"the packet has no canonical form: {ex.Message}";
        }
        var bytes = output.GetBuffer().AsSpan(0, (int)output.Length);
        if (!PacketCanonical.IsHashOf(packet.Id, bytes)) return "id mismatch: the id is not the SHA-256 of the packet's canonical bytes";

        return SignedForms.SignatureProblem(packet.Signature, publicKey, bytes, "the origin's key");
    }
}
