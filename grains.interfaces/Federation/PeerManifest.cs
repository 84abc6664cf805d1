using System.Collections.Immutable;

namespace Moecraft.Federation;

/// <summary>
/// A node's signed self-description (SPEC 6), exchanged with every peer and verified on receipt. Its canonical JSON (type
/// <c>moecraft.manifest</c>, without <see cref="Signature"/>) is what is signed. The requested tier is only a claim: the
/// receiver assigns the tier.
/// </summary>
/// <param name="NodeId">Unpadded base64url of the node's Ed25519 public key.</param>
/// <param name="Name">The node name (its silo's name).</param>
/// <param name="VerifyKeys">Keys that sign for the node: the node id first.</param>
/// <param name="ExpertsOffered">Expert ids peers may query (within their tier and rate limits).</param>
/// <param name="IssuedAt">Unix milliseconds.</param>
/// <param name="ValidUntil">Unix milliseconds; an expired manifest is refused.</param>
/// <param name="Signature">Unpadded base64url Ed25519 signature of the canonical bytes without the signature.</param>
[GenerateSerializer, Immutable, Alias("moecraft.PeerManifest")]
public sealed record PeerManifest(
    string NodeId,
    string Name,
    ImmutableArray<string> VerifyKeys,
    ImmutableArray<string> Capabilities,
    ImmutableArray<string> ExpertsOffered,
    string SoftwareVersion,
    TrustTier RequestedTier,
    long IssuedAt,
    long ValidUntil,
    string Signature);
