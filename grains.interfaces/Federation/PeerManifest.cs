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
    [Id(0)] string NodeId,
    [Id(1)] string Name,
    [Id(2)] ImmutableArray<string> VerifyKeys,
    [Id(3)] ImmutableArray<string> Capabilities,
    [Id(4)] ImmutableArray<string> ExpertsOffered,
    [Id(5)] string SoftwareVersion,
    [Id(6)] TrustTier RequestedTier,
    [Id(7)] long IssuedAt,
    [Id(8)] long ValidUntil,
    [Id(9)] string Signature);
