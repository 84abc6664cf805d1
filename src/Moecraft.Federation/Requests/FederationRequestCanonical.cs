using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Moecraft.Canonical;

namespace Moecraft.Federation;

/// <summary>
/// The canonical JSON one federation request over HTTP is signed as (type <c>moecraft.request.v1</c>, after Matrix's
/// server-server request signing, with a time and a nonce added against replays): method, path and query, origin name
/// and key, destination name, time, nonce and the SHA-256 of the body. The body itself is not in the bytes: its hash is.
/// </summary>
public static class FederationRequestCanonical
{
    public const string Type = "moecraft.request.v1";

    /// <exception cref="CanonicalJsonException">A lone surrogate in a field, or a time outside canonical JSON's integers.</exception>
    public static byte[] Bytes(FederationSignature signature, string method, string pathAndQuery, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return CanonicalJson.Serialize(new JsonObject
        {
            ["type"] = Type,
            ["method"] = method.ToUpperInvariant(),
            ["uri"] = pathAndQuery,
            ["origin"] = signature.Origin,
            ["key"] = signature.Key,
            ["destination"] = signature.Destination,
            ["ts"] = signature.Timestamp,
            ["nonce"] = signature.Nonce,
            ["content_sha256"] = Convert.ToHexStringLower(SHA256.HashData(body)),
        });
    }
}
