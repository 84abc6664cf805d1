using System.Text;
using System.Text.Json.Nodes;
using Moecraft.Canonical;

namespace Moecraft.Federation;

/// <summary>
/// The canonical JSON of a manifest (SPEC 6): type <c>moecraft.manifest</c>, snake_case keys, times as Unix-millisecond
/// integers, the requested tier as <see cref="TierMatrix.Name"/>, lists in the order signed. The signature is not part of
/// the bytes: it signs them.
/// </summary>
public static class ManifestCanonical
{
    public const string Type = "moecraft.manifest";

    /// <summary>The bytes the manifest's signature covers (everything but the signature).</summary>
    /// <exception cref="ArgumentException">A list is missing or the tier is unknown.</exception>
    /// <exception cref="CanonicalJsonException">A time outside the integers canonical JSON allows, or a lone surrogate.</exception>
    public static byte[] Bytes(PeerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return CanonicalJson.Serialize(new JsonObject
        {
            ["type"] = Type,
            ["node_id"] = manifest.NodeId,
            ["name"] = manifest.Name,
            ["verify_keys"] = SignedForms.Array(manifest.VerifyKeys, "verify_keys"),
            ["capabilities"] = SignedForms.Array(manifest.Capabilities, "capabilities"),
            ["experts_offered"] = SignedForms.Array(manifest.ExpertsOffered, "experts_offered"),
            ["software_version"] = manifest.SoftwareVersion,
            ["requested_tier"] = TierMatrix.Name(manifest.RequestedTier),
            ["issued_at"] = manifest.IssuedAt,
            ["valid_until"] = manifest.ValidUntil,
        });
    }

    /// <summary><see cref="Bytes"/> as text.</summary>
    public static string Text(PeerManifest manifest) => Encoding.UTF8.GetString(Bytes(manifest));
}
