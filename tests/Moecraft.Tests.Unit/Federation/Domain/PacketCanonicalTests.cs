using System.Security.Cryptography;
using System.Text;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>
/// Known answers for the packet's canonical bytes, id and signature. The expected values were computed outside .NET
/// (Python: json.dumps(sort_keys, ensure_ascii=False, separators=(',', ':')), hashlib.sha256, cryptography's Ed25519).
/// </summary>
public sealed class PacketCanonicalTests
{
    private const string ExpectedContent = """{"a":"héllo\n","b":[1,2,{"a":null,"z":true}]}""";

    private const string ExpectedContentSha256 = "d56a7a33d5505917a25ac9bfea268071a7adb5d09fb6773629b5ce9312b9d9a0";

    private const string ExpectedCanonical =
        """{"content":{"a":"héllo\n","b":[1,2,{"a":null,"z":true}]},"content_sha256":"d56a7a33d5505917a25ac9bfea268071a7adb5d09fb6773629b5ce9312b9d9a0","deps":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],"key":"cache:3f2a","kind":"assert","origin":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","prev":"1111111111111111111111111111111111111111111111111111111111111111","seq":2,"sources":["node-a","dataset:wiki"],"supersedes":["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"],"ts":1767225600123,"type":"moecraft.packet"}""";

    private const string ExpectedId = "2750c4f85c38c4cbfede85b58a3ad572c7198bc298def05f0ace6d5c52a9ad71";

    private const string ExpectedSignature = "OWXXcuApCV4N4mW4OZZdWXD4ZBO1NBFTq-xeG80cjEJqviHTk5tyh6EGtnZZl0396VPiM6JgAnOpR5iYDzTyBw";

    private static KnowledgePacket KnownPacket()
    {
        using var signer = PacketSamples.SignerA();
        return PacketFactory.Create(PacketSamples.KnownDraft, seq: 2, prev: new string('1', 64), timestamp: 1_767_225_600_123, signer);
    }

    /// <summary>The packet's bytes as the general canonicaliser makes them from a JSON object (the way they were first written).</summary>
    private static byte[] GenerallyCanonical(KnowledgePacket packet) => Moecraft.Canonical.CanonicalJson.Serialize(new System.Text.Json.Nodes.JsonObject
    {
        ["type"] = PacketCanonical.Type,
        ["origin"] = packet.Origin,
        ["seq"] = packet.Seq,
        ["prev"] = packet.Prev,
        ["ts"] = packet.Timestamp,
        ["kind"] = PacketCanonical.KindName(packet.Kind),
        ["key"] = packet.Key,
        ["content"] = System.Text.Json.Nodes.JsonNode.Parse(packet.Content),
        ["content_sha256"] = packet.ContentSha256,
        ["deps"] = new System.Text.Json.Nodes.JsonArray([.. packet.Deps.Select(v => (System.Text.Json.Nodes.JsonNode?)v)]),
        ["supersedes"] = new System.Text.Json.Nodes.JsonArray([.. packet.Supersedes.Select(v => (System.Text.Json.Nodes.JsonNode?)v)]),
        ["sources"] = new System.Text.Json.Nodes.JsonArray([.. packet.Sources.Select(v => (System.Text.Json.Nodes.JsonNode?)v)]),
    });

    [Theory]
    [InlineData("scar:r/\"quoted\"\\back", """{"z":"tab\there","a":[-3,0,9007199254740991]}""", "ünïcode 😀 \"source\"", 1)]
    [InlineData("k", """{"n":null,"e":{}}""", "", 7)]
    public void The_field_by_field_writer_gives_the_general_canonical_bytes(string key, string content, string source, long seq)
    {
        using var signer = PacketSamples.SignerA();
        var draft = new PacketDraft(PacketKind.Annotate, key, content, [], [new string('c', 64)], source.Length == 0 ? [] : [source]);
        var packet = PacketFactory.Create(draft, seq, seq == 1 ? null : new string('2', 64), 42, signer);

        Assert.Equal(GenerallyCanonical(packet), PacketCanonical.Bytes(packet));
        Assert.Null(PacketVerifier.Failure(packet));
    }

    [Fact]
    public void The_known_draft_gives_the_known_canonical_bytes_id_and_signature()
    {
        var packet = KnownPacket();

        Assert.Equal(PacketSamples.OriginA, packet.Origin);
        Assert.Equal(ExpectedContent, packet.Content);
        Assert.Equal(ExpectedContentSha256, packet.ContentSha256);
        Assert.Equal(ExpectedCanonical, Encoding.UTF8.GetString(PacketCanonical.Bytes(packet)));
        Assert.Equal(ExpectedId, packet.Id);
        Assert.Equal(ExpectedSignature, packet.Signature);
        Assert.Null(PacketVerifier.Failure(packet));
    }

    [Fact]
    public void The_expected_id_and_content_hash_are_the_SHA256_of_the_literals()
    {
        // Independent of PacketCanonical: hash the literal strings directly.
        Assert.Equal(ExpectedId, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ExpectedCanonical))));
        Assert.Equal(ExpectedContentSha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ExpectedContent))));
        Assert.Equal(ExpectedId, PacketCanonical.Id(Encoding.UTF8.GetBytes(ExpectedCanonical)));
    }

    [Fact]
    public void The_first_packet_of_a_feed_has_a_null_prev_in_its_bytes_and_kinds_are_lower_case()
    {
        using var signer = PacketSamples.SignerA();
        var packet = PacketFactory.Create(PacketSamples.Draft(kind: PacketKind.Retract), seq: 1, prev: null, timestamp: 5, signer);

        var text = Encoding.UTF8.GetString(PacketCanonical.Bytes(packet));

        Assert.Contains("\"prev\":null,", text, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"retract\",", text, StringComparison.Ordinal);
        Assert.Contains("\"content\":{\"score\":7},", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"signature\"", text, StringComparison.Ordinal);
        Assert.Equal(["assert", "retract", "annotate"], new[] { PacketKind.Assert, PacketKind.Retract, PacketKind.Annotate }.Select(PacketCanonical.KindName));
    }
}
