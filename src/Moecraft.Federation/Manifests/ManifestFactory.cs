using System.Collections.Immutable;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>Signs a node's own manifest with its node key (SPEC 6). The node id is the only verify key.</summary>
public static class ManifestFactory
{
    /// <summary>A manifest of the signer's node, valid from <paramref name="issuedAt"/> to <paramref name="validUntil"/> (Unix ms).</summary>
    /// <param name="capabilities">Made distinct and ordinal-sorted before signing.</param>
    /// <param name="expertsOffered">Made distinct and ordinal-sorted before signing.</param>
    /// <exception cref="ArgumentException">A bad name, list item, version, tier or validity window.</exception>
    public static PeerManifest Create(
        INodeSigner signer, string name, IEnumerable<string> capabilities, IEnumerable<string> expertsOffered, string softwareVersion,
        TrustTier requestedTier, long issuedAt, long validUntil)
    {
        ArgumentNullException.ThrowIfNull(signer);
        PeerNames.Validate(name, nameof(name));
        if (SignedForms.TextProblem("software_version", softwareVersion) is { } version)
            throw new ArgumentException($"Invalid software version: {version}.", nameof(softwareVersion));
        if (!Enum.IsDefined(requestedTier)) throw new ArgumentException($"Unknown trust tier {(int)requestedTier}.", nameof(requestedTier));
        if (issuedAt < 0 || validUntil <= issuedAt)
            throw new ArgumentException($"A manifest is valid from a time (Unix ms, not negative) to a later one; got {issuedAt} to {validUntil}.", nameof(validUntil));

        var unsigned = new PeerManifest(
            signer.NodeId, name, [signer.NodeId], SignedForms.Normalize(capabilities, "capabilities"),
            SignedForms.Normalize(expertsOffered, "experts_offered"), softwareVersion, requestedTier, issuedAt, validUntil, Signature: "");
        return unsigned with { Signature = SignedForms.EncodeSignature(signer.Sign(ManifestCanonical.Bytes(unsigned))) };
    }

    /// <summary>A list as manifests sign it: distinct, in ordinal order, each item 1 to 256 printable characters, at most 256 items.</summary>
    /// <exception cref="ArgumentException">An empty, overlong or control-character item, or too many.</exception>
    public static ImmutableArray<string> NormalizeList(IEnumerable<string> items, string field) => SignedForms.Normalize(items, field);
}
