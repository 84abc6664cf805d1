using System.Buffers.Text;
using System.Security.Cryptography;
using Moecraft.Identity;

namespace Moecraft.Federation;

/// <summary>Signs a federation request as this node (the sending side of <see cref="FederationRequestVerifier"/>).</summary>
public static class FederationRequestSigner
{
    /// <summary>The <c>Authorization</c> header value for a request from <paramref name="origin"/> (signed by <paramref name="signer"/>) to <paramref name="destination"/>.</summary>
    public static string Sign(INodeSigner signer, string origin, string destination, string method, string pathAndQuery, ReadOnlySpan<byte> body, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(signer);
        PeerNames.Validate(origin, nameof(origin));
        PeerNames.Validate(destination, nameof(destination));
        var unsigned = new FederationSignature(origin, signer.NodeId, destination, nowMs, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), "");
        var bytes = FederationRequestCanonical.Bytes(unsigned, method, pathAndQuery, body);
        return (unsigned with { Signature = SignedForms.EncodeSignature(signer.Sign(bytes)) }).Header();
    }
}
