using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
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
        // Strict parse: non-canonical content must not be silently normalised into bytes that then verify.
        CanonicalJson.Parse(packet.Content);
        return CanonicalJson.Serialize(new JsonObject
        {
            ["type"] = Type,
            ["origin"] = packet.Origin,
            ["seq"] = packet.Seq,
            ["prev"] = packet.Prev,
            ["ts"] = packet.Timestamp,
            ["kind"] = KindName(packet.Kind),
            ["key"] = packet.Key,
            ["content"] = JsonNode.Parse(packet.Content),
            ["content_sha256"] = packet.ContentSha256,
            ["deps"] = Strings(packet.Deps, "deps"),
            ["supersedes"] = Strings(packet.Supersedes, "supersedes"),
            ["sources"] = Strings(packet.Sources, "sources"),
        });
    }

    /// <summary>A packet id: lower-case hex SHA-256 of <see cref="Bytes"/>.</summary>
    public static string Id(ReadOnlySpan<byte> canonicalBytes) => Convert.ToHexStringLower(SHA256.HashData(canonicalBytes));

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

    private static JsonArray Strings(ImmutableArray<string> values, string name)
    {
        if (values.IsDefault) throw new ArgumentException($"The packet's {name} is missing (an empty list is fine).");
        return new JsonArray([.. values.Select(value => (JsonNode?)JsonValue.Create(value))]);
    }
}
