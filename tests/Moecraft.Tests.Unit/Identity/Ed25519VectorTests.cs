using System.Text;
using Moecraft.Canonical;
using Moecraft.Identity;
using NSec.Cryptography;

namespace Moecraft.Tests.Identity;

/// <summary>Ed25519 known answers: RFC 8032 section 7.1 and the Matrix signing vectors (over canonical JSON).</summary>
public sealed class Ed25519VectorTests
{
    public static TheoryData<string, string, string, string> Rfc8032 => new()
    {
        {
            // TEST 1: empty message.
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        },
        {
            // TEST 2: one byte.
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc8032))]
    public void RFC8032_vectors_sign_and_verify(string seedHex, string publicKeyHex, string messageHex, string signatureHex)
    {
        var message = Convert.FromHexString(messageHex);
        using var signer = NodeKeyFiles.Load(Convert.FromHexString(seedHex));

        Assert.Equal(publicKeyHex, Convert.ToHexStringLower(signer.PublicKey.Span));
        Assert.Equal(signatureHex, Convert.ToHexStringLower(signer.Sign(message)));
        Assert.True(Signatures.Verify(Convert.FromHexString(publicKeyHex), message, Convert.FromHexString(signatureHex)));
    }

    [Fact]
    public void Verify_refuses_altered_data_signature_key_and_malformed_input()
    {
        var publicKey = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var signature = Convert.FromHexString("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        Assert.True(Signatures.Verify(publicKey, [], signature));

        Assert.False(Signatures.Verify(publicKey, [0], signature));
        var flipped = (byte[])signature.Clone();
        flipped[10] ^= 1;
        Assert.False(Signatures.Verify(publicKey, [], flipped));
        var otherKey = (byte[])publicKey.Clone();
        otherKey[0] ^= 1;
        Assert.False(Signatures.Verify(otherKey, [], signature));
        Assert.False(Signatures.Verify(publicKey[..31], [], signature));
        Assert.False(Signatures.Verify(publicKey, [], signature[..63]));
    }

    [Fact]
    public void Matrix_signing_vectors_over_canonical_JSON_and_the_node_id()
    {
        using var signer = NodeKeyFiles.Load(Unpadded("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1"));

        // The Matrix test key happens to hold only URL-safe characters, so its base64 is its base64url node id.
        Assert.Equal("XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI", signer.NodeId);
        Assert.Equal("K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ",
            Convert.ToBase64String(signer.Sign(CanonicalJson.Canonicalize("{ }"))).TrimEnd('='));
        Assert.Equal("KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw",
            Convert.ToBase64String(signer.Sign(CanonicalJson.Canonicalize("{\"two\": \"Two\", \"one\": 1}"))).TrimEnd('='));
        Assert.True(NodeIds.TryGetPublicKey(signer.NodeId, out var publicKey));
        Assert.True(Signatures.Verify(publicKey, CanonicalJson.Canonicalize("{}"), signer.Sign("{}"u8)));
    }

    [Fact]
    public void Node_ids_parse_only_as_43_base64url_characters()
    {
        Assert.False(NodeIds.TryGetPublicKey("XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI=", out _));
        Assert.False(NodeIds.TryGetPublicKey("XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJN", out _));
        Assert.False(NodeIds.TryGetPublicKey("XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJN+", out _));
        Assert.False(NodeIds.TryGetPublicKey("XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNJ", out _)); // non-zero padding bits
        Assert.Throws<ArgumentException>(() => NodeIds.FromPublicKey(new byte[31]));
    }

    private static byte[] Unpadded(string base64) => Convert.FromBase64String(base64.PadRight((base64.Length + 3) / 4 * 4, '='));
}
