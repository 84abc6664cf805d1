using Moecraft.Canonical;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>
/// Checks a federation request's signature header (the receiving side of <see cref="FederationRequestSigner"/>): well
/// formed, meant for this node, recent (within <see cref="MaxClockSkew"/>), and signed by the key it names over the
/// method, path, body and the header's own fields. Whether that key is the one the origin's manifest names, whether the
/// nonce is new and what the origin's tier allows are later checks (<see cref="FederationAdmission"/>, <see cref="ReplayWindow"/>).
/// </summary>
public static class FederationRequestVerifier
{
    /// <summary>How far a request's time may lie from the receiver's clock (Matrix has none; 60 s as the reference design).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);

    /// <summary>The verified header, or null and why not. Never throws.</summary>
    public static FederationSignature? Verify(
        string? header, string self, string method, string pathAndQuery, ReadOnlySpan<byte> body, long nowMs, out string? problem)
    {
        var signature = FederationSignature.Parse(header, out problem);
        if (signature is null) return null;
        problem = Check(signature, self, method, pathAndQuery, body, nowMs);
        return problem is null ? signature : null;
    }

    private static string? Check(FederationSignature signature, string self, string method, string pathAndQuery, ReadOnlySpan<byte> body, long nowMs)
    {
        if (PeerNames.Problem(signature.Origin) is { } origin) return "origin: " + origin;
        if (!string.Equals(signature.Destination, self, StringComparison.Ordinal))
            return $"the request is for node '{FederationSignature.Printable(signature.Destination)}', this is node '{self}'";
        if (!NodeIds.TryGetPublicKey(signature.Key, out var publicKey))
            return "key is not a node id (unpadded base64url of a 32-byte Ed25519 key)";
        if (signature.Nonce.Length is < 16 or > 64 || signature.Nonce.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
            return "nonce is not 16 to 64 base64url characters";
        var skew = (long)MaxClockSkew.TotalMilliseconds;
        if (signature.Timestamp > nowMs + skew || signature.Timestamp < nowMs - skew)
            return $"ts {signature.Timestamp} is more than {MaxClockSkew.TotalSeconds:0} s from this node's clock ({nowMs})";
        byte[] bytes;
        try
        {
            bytes = FederationRequestCanonical.Bytes(signature, method, pathAndQuery, body);
        }
        catch (Exception ex) when (ex is CanonicalJsonException or ArgumentException)
        {
            return $"the request has no canonical form: {ex.Message}";
        }
        return SignedForms.SignatureProblem(signature.Signature, publicKey, bytes, "the key the request names");
    }
}
