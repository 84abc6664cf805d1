using System.Collections.Immutable;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Peers;

/// <summary>Manifests: the canonical form against an independently computed vector, signing, and every refusal of the verifier.</summary>
public sealed class ManifestTests
{
    private const long Now = FederationVectors.IssuedAt + 60_000;

    [Fact]
    public void The_canonical_form_and_signature_match_the_known_answer()
    {
        using var signer = FederationVectors.Signer();
        Assert.Equal(FederationVectors.NodeId, signer.NodeId);

        var manifest = FederationVectors.Manifest(signer);

        // The factory sorts and de-duplicates the lists it signs.
        Assert.Equal(["heartbeat", "manifest", "sync"], manifest.Capabilities.ToArray());
        Assert.Equal(["expert-a", "expert-b"], manifest.ExpertsOffered.ToArray());
        Assert.Equal([FederationVectors.NodeId], manifest.VerifyKeys.ToArray());
        Assert.Equal(FederationVectors.ManifestText, ManifestCanonical.Text(manifest));
        Assert.Equal(FederationVectors.ManifestSignature, manifest.Signature);
        Assert.Null(ManifestVerifier.Failure(manifest, Now));
    }

    [Fact]
    public void The_signature_is_not_part_of_the_signed_bytes()
    {
        using var signer = FederationVectors.Signer();
        var manifest = FederationVectors.Manifest(signer);
        Assert.Equal(ManifestCanonical.Text(manifest), ManifestCanonical.Text(manifest with { Signature = "anything" }));
    }

    public static TheoryData<string, Func<PeerManifest, PeerManifest>> Tampered => new()
    {
        { "name", m => m with { Name = "node-b" } },
        { "experts", m => m with { ExpertsOffered = ["expert-a", "expert-b", "expert-c"] } },
        { "capabilities", m => m with { Capabilities = ["heartbeat"] } },
        { "version", m => m with { SoftwareVersion = "1.0.1" } },
        { "requested tier", m => m with { RequestedTier = TrustTier.Sandbox } },
        { "issued at", m => m with { IssuedAt = m.IssuedAt + 1 } },
        { "valid until", m => m with { ValidUntil = m.ValidUntil + 1 } },
        { "signature", m => m with { Signature = "A" + m.Signature[1..] } },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void A_tampered_manifest_fails_its_signature(string field, Func<PeerManifest, PeerManifest> tamper)
    {
        using var signer = FederationVectors.Signer();
        var failure = ManifestVerifier.Failure(tamper(FederationVectors.Manifest(signer)), Now);
        Assert.True(failure is not null && failure.StartsWith("bad signature", StringComparison.Ordinal), $"{field}: {failure}");
    }

    [Fact]
    public void A_manifest_signed_by_another_key_than_its_node_id_is_refused()
    {
        using var signer = FederationVectors.Signer();
        using var other = FederationVectors.Outsider(7);
        var manifest = FederationVectors.Manifest(signer);
        // Claims the vector's node id but is signed by another key.
        var forged = ManifestFactory.Create(other, "node-a", manifest.Capabilities, manifest.ExpertsOffered, "1.0.0", TrustTier.Core, manifest.IssuedAt, manifest.ValidUntil)
            with { NodeId = signer.NodeId, VerifyKeys = [signer.NodeId] };
        Assert.StartsWith("bad signature", ManifestVerifier.Failure(forged, Now));
    }

    [Fact]
    public void The_first_verify_key_must_be_the_node_id()
    {
        using var signer = FederationVectors.Signer();
        using var other = FederationVectors.Outsider(8);
        var manifest = FederationVectors.Manifest(signer) with { VerifyKeys = [other.NodeId, signer.NodeId] };
        Assert.Equal("the first verify key is not the node id", ManifestVerifier.Failure(manifest, Now));
    }

    [Fact]
    public void Expiry_issue_time_and_the_validity_cap_are_enforced()
    {
        using var signer = FederationVectors.Signer();
        var manifest = FederationVectors.Manifest(signer);
        Assert.Null(ManifestVerifier.Failure(manifest, FederationVectors.ValidUntil - 1));
        Assert.StartsWith("expired", ManifestVerifier.Failure(manifest, FederationVectors.ValidUntil));
        // Five minutes of clock skew are allowed, not more.
        Assert.Null(ManifestVerifier.Failure(manifest, FederationVectors.IssuedAt - 300_000));
        Assert.StartsWith("issued in the future", ManifestVerifier.Failure(manifest, FederationVectors.IssuedAt - 300_001));

        // A far valid_until counts only up to seven days after issue.
        var long_ = ManifestFactory.Create(signer, "node-a", [], [], "1.0.0", TrustTier.Core, FederationVectors.IssuedAt, FederationVectors.IssuedAt + 30L * 86_400_000);
        var sevenDays = FederationVectors.IssuedAt + 7L * 86_400_000;
        Assert.Equal(sevenDays, ManifestVerifier.EffectiveExpiry(long_));
        Assert.Null(ManifestVerifier.Failure(long_, sevenDays - 1));
        Assert.StartsWith("expired", ManifestVerifier.Failure(long_, sevenDays));
    }

    public static TheoryData<string, Func<PeerManifest, PeerManifest>> Garbage => new()
    {
        { "empty name", m => m with { Name = "" } },
        { "null name", m => m with { Name = null! } },
        { "slash in name", m => m with { Name = "a/b" } },
        { "bad node id", m => m with { NodeId = "not-a-key" } },
        { "null node id", m => m with { NodeId = null! } },
        { "default verify keys", m => m with { VerifyKeys = default } },
        { "no verify keys", m => m with { VerifyKeys = [] } },
        { "default experts", m => m with { ExpertsOffered = default } },
        { "null expert", m => m with { ExpertsOffered = [null!] } },
        { "control character", m => m with { Capabilities = ["a\u0001"] } },
        { "null version", m => m with { SoftwareVersion = null! } },
        { "undefined tier", m => m with { RequestedTier = (TrustTier)42 } },
        { "empty window", m => m with { ValidUntil = m.IssuedAt } },
        { "huge time", m => m with { ValidUntil = long.MaxValue } },
        { "null signature", m => m with { Signature = null! } },
        { "short signature", m => m with { Signature = "abc" } },
        { "padded signature", m => m with { Signature = m.Signature[..84] + "==" } },
        { "lone surrogate", m => m with { SoftwareVersion = "\ud800" } },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_refused_without_throwing(string what, Func<PeerManifest, PeerManifest> spoil)
    {
        using var signer = FederationVectors.Signer();
        var failure = ManifestVerifier.Failure(spoil(FederationVectors.Manifest(signer)), Now);
        Assert.False(failure is null, what);
    }

    [Fact]
    public void No_manifest_is_refused() => Assert.Equal("no manifest", ManifestVerifier.Failure(null, Now));

    [Fact]
    public void The_factory_refuses_bad_input()
    {
        using var signer = FederationVectors.Signer();
        Assert.Throws<ArgumentException>(() => ManifestFactory.Create(signer, "", [], [], "1", TrustTier.Core, 1, 2));
        Assert.Throws<ArgumentException>(() => ManifestFactory.Create(signer, "n", [""], [], "1", TrustTier.Core, 1, 2));
        Assert.Throws<ArgumentException>(() => ManifestFactory.Create(signer, "n", [], [], "", TrustTier.Core, 1, 2));
        Assert.Throws<ArgumentException>(() => ManifestFactory.Create(signer, "n", [], [], "1", (TrustTier)9, 1, 2));
        Assert.Throws<ArgumentException>(() => ManifestFactory.Create(signer, "n", [], [], "1", TrustTier.Core, 2, 2));
        Assert.Throws<ArgumentException>(() => ManifestFactory.Create(signer, "n", [], ImmutableArray.CreateRange(Enumerable.Range(0, 257).Select(i => $"e{i}")), "1", TrustTier.Core, 1, 2));
    }
}
