using System.Collections.Immutable;
using System.Security.Cryptography;
using Moecraft.Canonical;

namespace Moecraft.Federation;

/// <summary>
/// The bytes a knowledge packet's id hashes and its origin signs (SPEC 6): the canonical JSON object
/// <c>{"content","content_sha256","deps","key","kind","origin","prev","seq","sources","supersedes","ts","type"}</c>, without
/// <c>id</c> and <c>signature</c>. The <c>type</c> field keeps a packet's bytes from passing for any other signed object,
/// and the content is embedded as a JSON value (not a string) so the signed bytes are the content's own canonical form.
/// </summary>
public static class PacketCanonical
{
    public const string Type = "moecraft.packet";

    /// <summary>The canonical bytes of <paramref name="packet"/> without its id and signature.</summary>
    /// <exception cref="ArgumentException">A list is missing (a default array).</exception>
    /// <exception cref="CanonicalJsonException">The content is not canonical JSON, or a field cannot be put in canonical JSON.</exception>
    public static byte[] Bytes(KnowledgePacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(packet.Content);
        var content = CanonicalJson.Encode(packet.Content);
        // Strict parse: non-canonical content must not be silently normalised into bytes that then verify.
        CanonicalJson.RequireCanonical(content);
        return Bytes(packet, content);
    }

    /// <summary>
    /// <see cref="Bytes(KnowledgePacket)"/> for a caller that has already checked that <paramref name="canonicalContent"/>,
    /// the UTF-8 bytes of the packet's content, is canonical JSON: the object is written field by field, in canonical key
    /// order, with the content's bytes embedded as they are (no parse, no re-serialisation: the hot path of sync).
    /// </summary>
    /// <exception cref="ArgumentException">A list is missing (a default array).</exception>
    /// <exception cref="CanonicalJsonException">A field cannot be put in canonical JSON.</exception>
    public static byte[] Bytes(KnowledgePacket packet, ReadOnlySpan<byte> canonicalContent)
    {
        using var output = new MemoryStream(canonicalContent.Length + 512);
        Write(output, packet, canonicalContent);
        return output.ToArray();
    }

    /// <summary><see cref="Bytes(KnowledgePacket, ReadOnlySpan{byte})"/> written to <paramref name="output"/>, for a caller that reads them in place.</summary>
    /// <exception cref="ArgumentException">A list is missing (a default array).</exception>
    /// <exception cref="CanonicalJsonException">A field cannot be put in canonical JSON.</exception>
    public static void Write(Stream output, KnowledgePacket packet, ReadOnlySpan<byte> canonicalContent)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(packet);
        // Keys in the order of their UTF-8 bytes: content, content_sha256, deps, key, kind, origin, prev, seq, sources,
        // supersedes, ts, type.
        output.Write("{\"content\":"u8);
        output.Write(canonicalContent);
        output.Write(",\"content_sha256\":"u8);
        CanonicalJson.WriteString(output, packet.ContentSha256);
        output.Write(",\"deps\":"u8);
        WriteStrings(output, packet.Deps, "deps");
        output.Write(",\"key\":"u8);
        CanonicalJson.WriteString(output, packet.Key);
        output.Write(",\"kind\":"u8);
        CanonicalJson.WriteString(output, KindName(packet.Kind));
        output.Write(",\"origin\":"u8);
        CanonicalJson.WriteString(output, packet.Origin);
        output.Write(",\"prev\":"u8);
        if (packet.Prev is { } prev) CanonicalJson.WriteString(output, prev);
        else output.Write("null"u8);
        output.Write(",\"seq\":"u8);
        CanonicalJson.WriteInteger(output, packet.Seq);
        output.Write(",\"sources\":"u8);
        WriteStrings(output, packet.Sources, "sources");
        output.Write(",\"supersedes\":"u8);
        WriteStrings(output, packet.Supersedes, "supersedes");
        output.Write(",\"ts\":"u8);
        CanonicalJson.WriteInteger(output, packet.Timestamp);
        output.Write(",\"type\":"u8);
        CanonicalJson.WriteString(output, Type);
        output.Write("}"u8);
    }

    /// <summary>A packet id: lower-case hex SHA-256 of <see cref="Bytes"/>.</summary>
    public static string Id(ReadOnlySpan<byte> canonicalBytes) => Convert.ToHexStringLower(SHA256.HashData(canonicalBytes));

    /// <summary>
    /// True when <paramref name="hash"/> is the lower-case hex SHA-256 of <paramref name="canonicalBytes"/>: <see cref="Id"/>
    /// compared without building strings, as sync does twice for every packet it checks.
    /// </summary>
    public static bool IsHashOf(string hash, ReadOnlySpan<byte> canonicalBytes)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonicalBytes, digest);
        Span<char> hex = stackalloc char[2 * SHA256.HashSizeInBytes];
        Convert.TryToHexStringLower(digest, hex, out _);
        return hex.SequenceEqual(hash);
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of canonical content text.</summary>
    public static string ContentSha256(string canonicalContent) => Id(CanonicalJson.Encode(canonicalContent));

    /// <summary>The kind as packets spell it: assert, retract, annotate.</summary>
    public static string KindName(PacketKind kind) => kind switch
    {
        PacketKind.Assert => "assert",
        PacketKind.Retract => "retract",
        PacketKind.Annotate => "annotate",
        _ => throw new ArgumentException($"Unknown packet kind {(int)kind}.", nameof(kind)),
    };

    private static void WriteStrings(Stream output, ImmutableArray<string> values, string name)
    {
        if (values.IsDefault) throw new ArgumentException($"The packet's {name} is missing (an empty list is fine).");
        output.WriteByte((byte)'[');
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) output.WriteByte((byte)',');
            if (values[i] is { } value) CanonicalJson.WriteString(output, value);
            else output.Write("null"u8);
        }
        output.WriteByte((byte)']');
    }
}
