using System.Buffers.Text;
using Moecraft.Canonical;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>Create then verify round-trips; every kind of tampering is caught with its own reason; garbage never throws.</summary>
public sealed class PacketVerifierTests : IDisposable
{
    private readonly Moecraft.Identity.NodeKey _signerA = PacketSamples.SignerA();
    private readonly Moecraft.Identity.NodeKey _signerB = PacketSamples.SignerB();
    private readonly KnowledgePacket _packet;

    public PacketVerifierTests() =>
        _packet = PacketFactory.Create(PacketSamples.KnownDraft, seq: 2, prev: new string('1', 64), timestamp: 1_767_225_600_123, _signerA);

    public void Dispose()
    {
        _signerA.Dispose();
        _signerB.Dispose();
    }

    /// <summary>Recomputes content hash and id as an attacker could, leaving the (now stale) signature.</summary>
    private static KnowledgePacket Rehash(KnowledgePacket packet)
    {
        var withHash = packet with { ContentSha256 = PacketCanonical.ContentSha256(packet.Content) };
        return withHash with { Id = PacketCanonical.Id(PacketCanonical.Bytes(withHash)) };
    }

    private string SignedBy(Moecraft.Identity.NodeKey signer, KnowledgePacket packet) =>
        Base64Url.EncodeToString(signer.Sign(PacketCanonical.Bytes(packet)));

    [Fact]
    public void A_created_packet_verifies()
    {
        Assert.Null(PacketVerifier.Failure(_packet));
        Assert.True(PacketVerifier.IsValid(_packet));
        Assert.Null(PacketVerifier.Failure(PacketFactory.Create(PacketSamples.Draft(), 1, null, 0, _signerB)));
    }

    public static TheoryData<string> Tamperings =>
    [
        "content", "content rehashed", "content hash", "key", "key rehashed", "seq", "seq rehashed", "prev", "prev rehashed",
        "deps", "deps rehashed", "supersedes", "sources", "timestamp", "kind", "id", "signature from another key",
        "origin swapped", "origin swapped rehashed", "origin not a node id", "non-canonical content",
        "non-canonical content rehashed", "float content rehashed", "padded signature", "signature flipped",
    ];

    private (KnowledgePacket Packet, string Reason) Tamper(string name)
    {
        var p = _packet;
        const string Content = """{"a":"hello\n","b":[1,2,{"a":null,"z":true}]}""";
        return name switch
        {
            "content" => (p with { Content = Content }, "content hash mismatch"),
            "content rehashed" => (Rehash(p with { Content = Content }), "bad signature: it does not verify"),
            "content hash" => (p with { ContentSha256 = new string('0', 64) }, "content hash mismatch"),
            "key" => (p with { Key = "cache:3f2b" }, "id mismatch"),
            "key rehashed" => (Rehash(p with { Key = "cache:3f2b" }), "bad signature"),
            "seq" => (p with { Seq = 3 }, "id mismatch"),
            "seq rehashed" => (Rehash(p with { Seq = 3 }), "bad signature"),
            "prev" => (p with { Prev = new string('2', 64) }, "id mismatch"),
            "prev rehashed" => (Rehash(p with { Prev = new string('2', 64) }), "bad signature"),
            "deps" => (p with { Deps = [] }, "id mismatch"),
            "deps rehashed" => (Rehash(p with { Deps = [new string('c', 64)] }), "bad signature"),
            "supersedes" => (p with { Supersedes = [] }, "id mismatch"),
            "sources" => (p with { Sources = ["node-b"] }, "id mismatch"),
            "timestamp" => (p with { Timestamp = p.Timestamp + 1 }, "id mismatch"),
            "kind" => (p with { Kind = PacketKind.Retract }, "id mismatch"),
            "id" => (p with { Id = new string('f', 64) }, "id mismatch"),
            "signature from another key" => (p with { Signature = SignedBy(_signerB, p) }, "bad signature: it does not verify"),
            "origin swapped" => (p with { Origin = _signerB.NodeId }, "id mismatch"),
            "origin swapped rehashed" => (Rehash(p with { Origin = _signerB.NodeId }), "bad signature: it does not verify"),
            "origin not a node id" => (p with { Origin = "node-a" }, "origin is not a node id"),
            "non-canonical content" => (p with { Content = """{"b":[1,2,{"a":null,"z":true}], "a":"héllo\n"}""" }, "not canonical JSON"),
            "non-canonical content rehashed" => (RehashRaw(p, """{"b":1,"a":2}"""), "not canonical JSON"),
            "float content rehashed" => (RehashRaw(p, """{"a":1.5}"""), "not canonical JSON"),
            "padded signature" => (p with { Signature = p.Signature + "==" }, "bad signature: not 64 bytes"),
            "signature flipped" => (p with { Signature = (p.Signature[0] == 'A' ? "B" : "A") + p.Signature[1..] }, "bad signature"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    // Non-canonical content cannot go through PacketCanonical.Bytes, so hash what an attacker would: the raw text.
    private static KnowledgePacket RehashRaw(KnowledgePacket packet, string content) =>
        packet with { Content = content, ContentSha256 = PacketCanonical.Id(CanonicalJson.Encode(content)) };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Each_tampering_is_detected_with_its_reason(string name)
    {
        var (tampered, reason) = Tamper(name);

        var failure = PacketVerifier.Failure(tampered);

        Assert.NotNull(failure);
        Assert.True(failure.Contains(reason, StringComparison.Ordinal), $"{name}: '{failure}' does not mention '{reason}'.");
    }

    [Fact]
    public void The_same_packet_signed_by_its_real_author_verifies_under_that_author()
    {
        // Swapping the origin and re-signing with the new origin's key is not tampering: it is B's own packet.
        var rehashed = Rehash(_packet with { Origin = _signerB.NodeId });

        Assert.Null(PacketVerifier.Failure(rehashed with { Signature = SignedBy(_signerB, rehashed) }));
    }

    public static TheoryData<string> Garbage =>
    [
        "null packet", "null strings", "default arrays", "null list items", "huge seq", "negative timestamp", "empty signature",
        "signature of wrong alphabet", "deep content", "deep content rehashed", "huge content", "lone surrogate content", "undefined kind",
    ];

    private KnowledgePacket? MakeGarbage(string name)
    {
        var p = _packet;
        return name switch
        {
            "null packet" => null,
            "null strings" => new KnowledgePacket(null!, null!, 0, null, 0, PacketKind.Assert, null!, null!, null!, default, default, default, null!),
            "default arrays" => p with { Deps = default, Supersedes = default, Sources = default },
            "null list items" => p with { Deps = [null!], Sources = [null!] },
            "huge seq" => p with { Seq = long.MaxValue },
            "negative timestamp" => p with { Timestamp = long.MinValue },
            "empty signature" => p with { Signature = "" },
            "signature of wrong alphabet" => p with { Signature = new string('+', 86) },
            "deep content" => p with { Content = new string('[', 100) + new string(']', 100) },
            "deep content rehashed" => Rehash(p with { Content = new string('[', 40) + new string(']', 40) }),
            "huge content" => Rehash(p with { Content = "\"" + new string('x', 70_000) + "\"" }),
            "lone surrogate content" => p with { Content = "\"\ud800\"" },
            "undefined kind" => p with { Kind = (PacketKind)99 },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_reported_never_thrown(string name)
    {
        var garbage = MakeGarbage(name);

        var failure = PacketVerifier.Failure(garbage);

        Assert.False(string.IsNullOrWhiteSpace(failure), name);
    }

    [Theory]
    [InlineData("content rehashed")]
    [InlineData("signature from another key")]
    [InlineData("id")]
    [InlineData("content hash")]
    public void The_form_check_leaves_content_hashes_and_signature_to_the_full_check(string name)
    {
        var (tampered, _) = Tamper(name);

        Assert.Null(PacketVerifier.FormFailure(_packet));
        Assert.Null(PacketVerifier.FormFailure(tampered));
        Assert.Null(PacketVerifier.Failure(tampered, PacketChecks.Form));
        Assert.NotNull(PacketVerifier.Failure(tampered, PacketChecks.Full));
    }

    [Theory]
    [InlineData("null packet")]
    [InlineData("null strings")]
    [InlineData("default arrays")]
    [InlineData("null list items")]
    [InlineData("negative timestamp")]
    [InlineData("undefined kind")]
    public void The_form_check_reports_a_malformed_packet_and_never_throws(string name)
    {
        Assert.False(string.IsNullOrWhiteSpace(PacketVerifier.FormFailure(MakeGarbage(name))), name);
    }

    [Fact]
    public void The_form_check_reports_an_origin_that_is_not_a_node_id_and_an_id_that_is_not_one()
    {
        Assert.Contains("origin is not a node id", PacketVerifier.FormFailure(_packet with { Origin = "node-a" }));
        Assert.Contains("id is not 64 lower-case hex digits", PacketVerifier.FormFailure(_packet with { Id = new string('F', 64) }));
        Assert.Contains("not a packet id", PacketVerifier.FormFailure(_packet with { Deps = ["x"] }));
    }
}
