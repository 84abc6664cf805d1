using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace Moecraft.Identity;

/// <summary>Node ids (SPEC 6): the unpadded base64url of the node's raw 32-byte Ed25519 public key, so they certify themselves.</summary>
public static class NodeIds
{
    /// <summary>The node id of <paramref name="publicKey"/>.</summary>
    /// <exception cref="ArgumentException">Not a 32-byte key.</exception>
    public static string FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Signatures.PublicKeyLength)
            throw new ArgumentException($"An Ed25519 public key is {Signatures.PublicKeyLength} bytes; got {publicKey.Length}.", nameof(publicKey));
        return Base64Url.EncodeToString(publicKey);
    }

    /// <summary>The public key a node id names, when it is a well-formed node id (43 base64url characters, no padding).</summary>
    public static bool TryGetPublicKey(string? nodeId, [NotNullWhen(true)] out byte[]? publicKey)
    {
        publicKey = null;
        if (nodeId is not { Length: 43 } || !Base64Url.IsValid(nodeId)) return false;
        var bytes = Base64Url.DecodeFromChars(nodeId);
        // Re-encoding catches non-zero padding bits, which would give two spellings of one key.
        if (bytes.Length != Signatures.PublicKeyLength || Base64Url.EncodeToString(bytes) != nodeId) return false;
        publicKey = bytes;
        return true;
    }
}
