using NSec.Cryptography;

namespace Moecraft.Identity;

/// <summary>Ed25519 (pure, RFC 8032) verification: the one check every signed Moecraft object goes through.</summary>
public static class Signatures
{
    public const int PublicKeyLength = 32;

    public const int SignatureLength = 64;

    /// <summary>
    /// True when <paramref name="signature"/> is <paramref name="publicKey"/>'s Ed25519 signature of <paramref name="data"/>.
    /// A malformed key or signature is simply not valid: this never throws for bad input.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyLength || signature.Length != SignatureLength) return false;
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null) return false;
        return SignatureAlgorithm.Ed25519.Verify(key, data, signature);
    }
}
