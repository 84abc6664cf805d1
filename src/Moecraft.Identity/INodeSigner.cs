namespace Moecraft.Identity;

/// <summary>Signs with this node's Ed25519 key (SPEC 6). The private key never leaves the implementation.</summary>
public interface INodeSigner
{
    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>Unpadded base64url of <see cref="PublicKey"/>.</summary>
    string NodeId { get; }

    /// <summary>The 64-byte Ed25519 signature of <paramref name="data"/>; check it with <see cref="Signatures.Verify"/>.</summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}
