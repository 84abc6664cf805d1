using Moecraft.Federation;
using Moecraft.Identity;
using Moecraft.Tests.Federation.Peers;

namespace Moecraft.Tests.Federation.Domain;

/// <summary>Peer table rows for the tests of the plain classes that decide from the table.</summary>
internal static class PeerRows
{
    public const long Now = FederationVectors.IssuedAt + 60_000;

    /// <summary>A manifest of <paramref name="name"/> signed by <paramref name="key"/>, issued <paramref name="issuedAt"/>.</summary>
    public static PeerManifest Manifest(INodeSigner key, string name, long issuedAt = FederationVectors.IssuedAt, params string[] experts) =>
        ManifestFactory.Create(key, name, ["heartbeat"], experts, "test", TrustTier.Core, issuedAt, issuedAt + 86_400_000);

    public static PeerRecord Record(INodeSigner key, string name, TrustTier tier, bool remote = false) =>
        new(name, key.NodeId, tier, Manifest(key, name), FederationVectors.IssuedAt, null, null, false, Remote: remote);

    public static PeerInfo Info(string name, string nodeId, TrustTier tier, PeerLiveness liveness = PeerLiveness.Unseen, long? lastHeartbeat = null)
    {
        using var key = FederationVectors.Outsider(99);
        return new PeerInfo(name, nodeId, tier, liveness, lastHeartbeat, null, null, Manifest(key, name), false);
    }
}
