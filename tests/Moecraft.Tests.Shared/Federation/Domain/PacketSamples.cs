using Moecraft.Federation;
using Moecraft.Identity;
using Moecraft.Tests.Identity;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>Known keys and drafts for the packet tests, and synthetic packets for the resolver (which never checks signatures).</summary>
internal static class PacketSamples
{
    /// <summary>RFC 8032 section 7.1 TEST 1 seed; its node id is <see cref="OriginA"/>.</summary>
    public static readonly byte[] SeedA = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    /// <summary>RFC 8032 section 7.1 TEST 2 seed.</summary>
    public static readonly byte[] SeedB = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

    /// <summary>Unpadded base64url of RFC 8032 TEST 1's public key d75a9801…511a.</summary>
    public const string OriginA = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    public static NodeKey SignerA() => NodeKeyFiles.Load(SeedA);

    public static NodeKey SignerB() => NodeKeyFiles.Load(SeedB);

    /// <summary>The known-answer draft: content with unsorted keys, whitespace, a \u escape and a newline, so canonicalising matters.</summary>
    public static PacketDraft KnownDraft => new(
        PacketKind.Assert,
        "cache:3f2a",
        """{ "b": [1, 2, {"z": true, "a": null}], "a": "h\u00e9llo\n" }""",
        [new string('a', 64)],
        [new string('b', 64)],
        ["node-a", "dataset:wiki"]);

    public static PacketDraft Draft(string key = "reputation:expert-1", string content = """{"score":7}""", PacketKind kind = PacketKind.Assert) =>
        new(kind, key, content, [], [], []);

    /// <summary>
    /// A packet id made from a small number: eight hex digits then zeros, so ordinal order is numeric order and assertion
    /// messages (which cut long strings) show the difference.
    /// </summary>
    public static string Id(int n) => n.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 56);

    /// <summary>A packet as the resolver sees it; nothing but id, origin, key, kind, timestamp and supersedes matters there.</summary>
    public static KnowledgePacket Synthetic(string id, string origin, string key, PacketKind kind, long timestamp, params string[] supersedes) =>
        new(id, origin, 1, null, timestamp, kind, key, "{}", new string('0', 64), [], [.. supersedes], [], "");

    public static ResolvableKnowledge Held(KnowledgePacket packet, TrustTier tier, long receivedAt, string from = "peer") =>
        new(new StoredPacket(packet, from, receivedAt), tier);

    // An array, not an ImmutableArray: xunit 2 compares arrays element by element and prints them readably.
    public static string[] Ids(IEnumerable<KnowledgePacket> packets) => [.. packets.Select(p => p.Id)];
}
